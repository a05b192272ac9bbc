/**
 * A clock for the tests that bound how long an engine call takes (linear
 * time, no catastrophic backtracking). The wall clock alone makes them fail
 * when other processes take the cores (a shared 2-core machine, two jest
 * workers, child processes of other suites); the process's CPU time alone
 * counts the garbage collector's helper threads too. The smaller of the two
 * is the work the call did: a quadratic or backtracking call raises both.
 */
export interface WorkClock {
  /** Milliseconds of work since the clock started: min(wall time, CPU time of this process). */
  ms(): number
}

export function workClock(): WorkClock {
  const wall = performance.now()
  const cpu = process.cpuUsage()
  return {
    ms() {
      const used = process.cpuUsage(cpu)
      return Math.min(performance.now() - wall, (used.user + used.system) / 1000)
    }
  }
}

/** Milliseconds of work `fn` takes (see workClock). */
export function workMs(fn: () => void): number {
  const clock = workClock()
  fn()
  return clock.ms()
}
