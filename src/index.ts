/** quire's public API: re-exports only. */
export {build, type BuildOptions} from './publish.js'
export {defineConfig, type QuireConfig} from './config/define.js'
export {defineEmitter, FormatUnavailableError, type Collection, type Emitter, type EmitterContext, type EmitterRun, type ReportOptions} from './emitters/types.js'
export type {Asset, Heading, Link, NoteMeta, NoteStats, QuireDocument, Section} from './model.js'
export type {BuildResult, NoteReport} from './report.js'
export type {ResolvedConfig} from './config/types.js'
export {ConfigError} from './config/errors.js'
