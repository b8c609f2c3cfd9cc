/** A problem with the configuration or the command line: exit code 2, no stack trace. */
export class ConfigError extends Error {
  override name = 'ConfigError'
  readonly file: string | undefined
  constructor(message: string, file?: string) {
    super(message)
    this.file = file
  }
}
