/** The to-hast handler types, as remark-rehype takes them (mdast-util-to-hast's own, without depending on it directly). */
import type {Options} from 'remark-rehype'

export type Handlers = NonNullable<Options['handlers']>
export type Handler = NonNullable<Handlers[keyof Handlers]>
/** What a handler is given: `all`, `wrap`, `patch` and `applyData` among others. */
export type State = Parameters<Handler>[0]
