/** What the CLI runner gets from the process (bin.ts fills it in; tests pass their own). */
export interface RunEnvironment {
  readonly argv: readonly string[]
  readonly cwd: string
  readonly stdout: (line: string) => void
  readonly stderr: (line: string) => void
  /** Progress is shown only on an interactive terminal outside CI. */
  readonly interactive: boolean
  readonly color: boolean
  readonly signal?: AbortSignal | undefined
  /** Rewrites a progress line in place (TTY only). */
  readonly status?: ((line: string) => void) | undefined
}
