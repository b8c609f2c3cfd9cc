/** to-hast handlers for the nodes quire's dialect adds to mdast (`dialect-nodes.ts`), and for code blocks with a title, by node type. */
import {callout} from './callout.js'
import {code} from './code.js'
import {highlight} from './highlight.js'
import {tag} from './tag.js'
import type {Handlers} from './types.js'

export const dialectHandlers: Handlers = {callout, code, highlight, tag}
