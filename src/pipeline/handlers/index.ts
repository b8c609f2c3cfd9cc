/** to-hast handlers for the nodes quire's dialect adds to mdast (`dialect-nodes.ts`), by node type. */
import {callout} from './callout.js'
import {highlight} from './highlight.js'
import {tag} from './tag.js'
import type {Handlers} from './types.js'

export const dialectHandlers: Handlers = {callout, highlight, tag}
