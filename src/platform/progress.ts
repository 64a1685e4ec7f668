/**
 * A one-line spinner with elapsed time for long work in a terminal. It lives on stderr and is erased before
 * every other line is written, so logs and streamed command output stay clean. Off when not a TTY or in CI.
 */
const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function progressWanted(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(stream.isTTY) && !env.CI && env.TERM !== 'dumb' && env.MLOPS_NO_PROGRESS !== '1';
}

export class TerminalProgress {
  private readonly tasks: { label: string; started: number }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private frame = 0;
  private visible = false;

  constructor(private readonly stream: NodeJS.WritableStream) {}

  start(label: string): void {
    this.tasks.push({ label, started: Date.now() });
    if (!this.timer) {
      this.timer = setInterval(() => this.draw(), 120);
      this.timer.unref();
    }
    this.draw();
  }

  /** Ends the innermost task and returns its duration in seconds. */
  stop(): number {
    const task = this.tasks.pop();
    this.clear();
    if (this.tasks.length === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
    return task ? (Date.now() - task.started) / 1000 : 0;
  }

  /** Erase the spinner line; call before writing anything else to the terminal. */
  clear(): void {
    if (!this.visible) return;
    this.stream.write('\r\u001b[K');
    this.visible = false;
  }

  private draw(): void {
    const task = this.tasks.at(-1);
    if (!task) return;
    const seconds = ((Date.now() - task.started) / 1000).toFixed(1);
    this.frame = (this.frame + 1) % FRAMES.length;
    this.stream.write(`\r\u001b[K${FRAMES[this.frame]} ${task.label} · ${seconds}s`);
    this.visible = true;
  }
}
