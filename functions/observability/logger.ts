// The one logger of the back end (Powertools). Deployed, each record is one JSON line in the
// function's log group, with the request id, the route and the caller added by observe(). On the
// local stack (LOCAL_STACK=1) the same record is written as one readable line instead.
import { Logger, LogLevelThreshold, type LogItem } from '@aws-lambda-powertools/logger';
import { env } from '../config/env.ts';
import { SERVICE_NAME } from './names.ts';
import { readableLine } from './readable-line.ts';

class AppLogger extends Logger {
  // Powertools always prints `JSON.stringify(record)`; a LogFormatter only shapes the record. So the
  // readable form is chosen here, on every line, which also holds when this module loaded before the
  // local stack set its flag.
  protected override printLog(logLevel: number, log: LogItem): void {
    if (!env.localStack) return super.printLog(logLevel, log);
    log.prepareForPrint();
    // Through the console, so a test runner can hold the lines of passing tests back.
    (logLevel >= LogLevelThreshold.WARN ? console.error : console.log)(readableLine(log.getAttributes()));
  }
}

/**
 * Log level from POWERTOOLS_LOG_LEVEL (default INFO). Keys added with `logger.appendKeys()` during an
 * invocation of an observed handler are removed when it ends.
 */
export const logger: Logger = new AppLogger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME || SERVICE_NAME });
