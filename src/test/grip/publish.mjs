// The real @fanoutio/grip Publisher, configured from a GRIP_URL as applications configure it,
// publishing one http-stream item: GripPublisherIT runs it and reads the one line it prints.
//   node publish.mjs GRIP_URL CHANNEL CONTENT
import { Publisher } from '@fanoutio/grip';

const [gripUrl, channel, content] = process.argv.slice(2);
try {
  await new Publisher(gripUrl).publishHttpStream(channel, content);
  console.log('published');
} catch (e) {
  console.log(`failed ${e.context?.statusCode ?? ''} ${String(e.context?.httpBody ?? e.message).trim()}`);
  process.exitCode = 1;
}
