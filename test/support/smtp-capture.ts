import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerDataStream } from "smtp-server";

export interface SmtpCapture {
  url: string;
  received: ParsedMail[];
  /** Resolves when `count` messages have been accepted. */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real SMTP server on loopback that keeps every accepted message, parsed. `hold` may
 * delay the server's answer to one message's DATA (a message is only accepted once the
 * server answers it), e.g. to kill the sending worker mid-send.
 */
export async function startSmtpCapture(
  hold?: (index: number, stream: SMTPServerDataStream) => Promise<"accept" | "drop">,
): Promise<SmtpCapture> {
  const received: ParsedMail[] = [];
  let index = 0;
  const waiters: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      const n = index++;
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", async () => {
        const verdict = hold ? await hold(n, stream) : "accept";
        if (verdict === "drop") return;
        received.push(await simpleParser(Buffer.concat(chunks)));
        for (const wake of waiters.splice(0)) wake();
        callback();
      });
    },
  });
  server.on("error", () => undefined);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    async waitFor(count, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline)
          throw new Error(`only ${received.length} of ${count} messages arrived`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
