/*
 * The part of quire's site search that runs twice: in Node when `quire
 * build` writes the index (search-index.js), and in the browser inside
 * search.js. Both sides must cut and fold text alike and agree on how the
 * index is packed, so there is one copy of it: this file.
 *
 * How text becomes search terms:
 * - Words come from Intl.Segmenter (granularity "word"), which knows where
 *   words end in Chinese, Japanese, Thai and other scripts without spaces.
 *   A word joined by dots, apostrophes or underscores (`fs.stat`, `l’été`)
 *   also gives its parts.
 * - Runs of Chinese, Japanese and Korean characters also give their
 *   overlapping pairs (bigrams): dictionary segmentation depends on the
 *   context and on the browser's ICU data, so a query's words may be cut
 *   differently from the note's; pairs of characters are the same
 *   everywhere. A query must match every pair (or every Latin word).
 * - Terms are folded: lower case, compatibility forms (full-width letters,
 *   ligatures) decomposed, Latin accents dropped (café → cafe), a few
 *   letters spelled out (ß → ss). Japanese voicing marks and Hangul are
 *   kept (they are not accents).
 *
 * Plain ES2019, no modules: it is concatenated into search.js.
 */
var quireSearchCore = (function () {
  var segmenter = typeof Intl === 'object' && typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('und', {granularity: 'word'}) : null
  // Han (with the iteration mark 々 and 〆), Hiragana, Katakana (with the long vowel mark), Hangul.
  var cjk = /[\u3005\u3006\u3007\u30fc\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fd-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]|[\ud840-\ud87f][\udc00-\udfff]/
  var cjkRuns = new RegExp('(?:' + cjk.source + ')+', 'g')
  // Scripts written without spaces between words: CJK, Thai, Lao, Myanmar, Khmer.
  var unspaced = new RegExp(cjk.source + '|[\\u0e00-\\u0eff\\u1000-\\u109f\\u1780-\\u17ff]')
  var wordPattern = /[\p{L}\p{N}\p{M}]+(?:[._'’:][\p{L}\p{N}\p{M}]+)*/gu
  var joiners = /[._'’:]+/
  var spelled = {'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'ø': 'o', 'ł': 'l', 'đ': 'd', 'ð': 'd', 'þ': 'th', 'ı': 'i'}
  var latinOnly = /^\p{Script=Latin}+$/u
  var ascii = /^[\x00-\x7f]*$/
  var pieceLength = 1000
  var breaks = /[\u3001\u3002\uff01\uff0c\uff1a\uff1b\uff1f]/

  /**
   * Words of `text` as written, in order (duplicates kept). Text with
   * spaces between words is cut by a pattern (much faster); a piece of text
   * between spaces that has characters of scripts written without spaces
   * goes through Intl.Segmenter. Index and query take the same path for
   * the same piece, whatever else surrounds it.
   */
  function words(text) {
    if (!segmenter || !unspaced.test(text)) return text.match(wordPattern) || []
    var out = []
    var chunks = text.match(/\S+/g) || []
    for (var i = 0; i < chunks.length; i++) {
      var chunk = chunks[i]
      if (!unspaced.test(chunk)) {
        var found = chunk.match(wordPattern)
        if (found) for (var f = 0; f < found.length; f++) out.push(found[f])
        continue
      }
      // Segmenting a long string takes time that grows faster than its length: cut it into pieces first.
      for (var start = 0; start < chunk.length; ) {
        var end = pieceEnd(chunk, start)
        for (var part of segmenter.segment(chunk.slice(start, end))) if (part.isWordLike) out.push(part.segment)
        start = end
      }
    }
    return out
  }

  /** Where the piece that starts at `start` ends: after a CJK punctuation mark near `pieceLength`, else at it. */
  function pieceEnd(text, start) {
    var limit = start + pieceLength
    if (limit >= text.length) return text.length
    for (var i = limit; i > start + pieceLength / 2; i--) if (breaks.test(text[i - 1])) return i
    // No break: cut between two UTF-16 units of different characters.
    return /[\udc00-\udfff]/.test(text[limit]) ? limit - 1 : limit
  }

  /** The terms of `text` before folding: words, their parts, the pairs of CJK runs. */
  function tokenize(text) {
    return terms(text, false)
  }

  /** A query needs no lone last character of a run: its pair is required and contains it. */
  function terms(text, query) {
    var out = []
    var list = words(text)
    for (var i = 0; i < list.length; i++) {
      var word = list[i]
      if (!cjk.test(word)) {
        latinWord(word, out)
        continue
      }
      // A long CJK word is a term of its own (a whole-word match ranks higher); its characters come as pairs below.
      if (Array.from(word.match(cjkRuns).join('')).length > 2) out.push(word)
      var pieces = word.split(cjkRuns)
      for (var p = 0; p < pieces.length; p++) if (pieces[p] !== '') latinWord(pieces[p], out)
    }
    // Each pair of neighbouring characters, and the last character alone: every character starts some term.
    var runs = text.match(cjkRuns) || []
    for (var k = 0; k < runs.length; k++) {
      var chars = Array.from(runs[k])
      for (var c = 0; c + 1 < chars.length; c++) out.push(chars[c] + chars[c + 1])
      if (!query || chars.length === 1) out.push(chars[chars.length - 1])
    }
    return out
  }

  function latinWord(word, out) {
    out.push(word)
    if (!joiners.test(word)) return
    var parts = word.split(joiners)
    for (var j = 0; j < parts.length; j++) if (parts[j].length > 1) out.push(parts[j])
  }

  /** A term as the index keeps it: folded; null for nothing left. */
  function processTerm(term) {
    if (ascii.test(term)) return term === '' ? null : term.toLowerCase()
    var folded = term
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[ßæœøłđðþı]/g, function (letter) {
        return spelled[letter]
      })
      .normalize('NFC')
    return folded === '' ? null : folded
  }

  /**
   * A query's terms, folded and without duplicates, and the ones a result
   * must match: all but the whole CJK words of three characters or more,
   * which the note's text may cut differently (their pairs are required).
   */
  function queryTerms(text) {
    var all = []
    var required = []
    var raw = terms(text, true)
    for (var i = 0; i < raw.length; i++) {
      var term = processTerm(raw[i])
      if (term === null || all.indexOf(term) !== -1) continue
      all.push(term)
      if (!(cjk.test(raw[i]) && Array.from(raw[i]).length > 2)) required.push(term)
    }
    return {all: all, required: required}
  }

  /** Whether a folded term is Latin letters only (the terms that may match with a typo). */
  function isLatin(term) {
    return latinOnly.test(term)
  }

  /**
   * The packed index of search-index.js as MiniSearch's own serialized
   * form (for `MiniSearch.loadJS`). Packed, each term's postings are one
   * string per field, `field:doc,doc*count,…`: document numbers as base-36
   * differences from the previous one, `*count` when the term occurs more
   * than once; documents are numbered from 0 in the order of `fieldLength`.
   */
  function expandIndex(packed) {
    var documentIds = {}
    var fieldLength = {}
    for (var d = 0; d < packed.fieldLength.length; d++) {
      documentIds[d] = d
      fieldLength[d] = packed.fieldLength[d]
    }
    var index = []
    for (var t = 0; t < packed.terms.length; t++) {
      var data = {}
      var fields = packed.terms[t][1].split(';')
      for (var f = 0; f < fields.length; f++) {
        var colon = fields[f].indexOf(':')
        var freqs = {}
        var doc = 0
        var items = fields[f].slice(colon + 1).split(',')
        for (var i = 0; i < items.length; i++) {
          var star = items[i].indexOf('*')
          doc += parseInt(star === -1 ? items[i] : items[i].slice(0, star), 36)
          freqs[doc] = star === -1 ? 1 : parseInt(items[i].slice(star + 1), 36)
        }
        data[fields[f].slice(0, colon)] = freqs
      }
      index.push([packed.terms[t][0], data])
    }
    return {
      documentCount: packed.fieldLength.length,
      nextId: packed.fieldLength.length,
      documentIds: documentIds,
      fieldIds: packed.fieldIds,
      fieldLength: fieldLength,
      averageFieldLength: packed.averageFieldLength,
      storedFields: {},
      dirtCount: 0,
      index: index,
      serializationVersion: 2
    }
  }

  /** Whether a term is of scripts written with spaces between words (where a match should be a whole word). */
  function spaced(term) {
    return !unspaced.test(term)
  }

  return {tokenize: tokenize, processTerm: processTerm, queryTerms: queryTerms, isLatin: isLatin, spaced: spaced, expandIndex: expandIndex}
})()
