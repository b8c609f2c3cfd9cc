/** quire's public API: re-exports only. */
export {build, type BuildOptions} from './publish.js'
export type {BuildFlags} from './config/resolve.js'
export {defineConfig, type QuireConfig} from './config/define.js'
export {
  defineEmitter,
  FormatUnavailableError,
  type BaseContext,
  type CollectionContext,
  type CollectionReportOptions,
  type Emitter,
  type NoteContext,
  type Remote,
  type ReportOptions,
  type ResourceInstance
} from './emitters/types.js'
export type {Asset, GraphNote, Heading, Link, NoteGraph, NoteLink, NoteMeta, NoteStats, NoteSummary, QuireDocument, Section, SectionText} from './model.js'
export type {Callout, CalloutTitle, Highlight, Tag} from './pipeline/dialect-nodes.js'
export type {CalloutType} from './pipeline/callout-types.js'
export type {BuildResult, NoteReport} from './report.js'
export type {ResolvedConfig} from './config/types.js'
export {ConfigError} from './config/errors.js'
