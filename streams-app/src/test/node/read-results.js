// Reads rela's results, low-confidence results and dead letters with Confluent's own JavaScript
// Schema Registry client (AvroDeserializer) and a kafkajs consumer, and prints each record as one
// JSON line: {"topic", "partition", "offset", "key", "value"}. Bytes print as base64, timestamps as
// epoch milliseconds.
//
//   node read-results.js --bootstrap 127.0.0.1:9092 --registry http://127.0.0.1:8081 \
//     --topics translation-results,translation-low-confidence,translation-dead-letter --count 3
const { Kafka, logLevel } = require('kafkajs');
const { SchemaRegistryClient, SerdeType, AvroDeserializer } = require('@confluentinc/schemaregistry');

function option(name, fallback) {
  const i = process.argv.indexOf('--' + name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

function plain(value) {
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

async function main() {
  const topics = option('topics').split(',');
  const count = Number(option('count', '1'));
  const registry = new SchemaRegistryClient({ baseURLs: [option('registry')] });
  const deserializer = new AvroDeserializer(registry, SerdeType.VALUE, {});
  const kafka = new Kafka({ brokers: option('bootstrap').split(','), logLevel: logLevel.ERROR });
  const consumer = kafka.consumer({ groupId: 'rela-node-reader-' + Date.now() });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  let seen = 0;
  await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${seen} of ${count} records within the timeout`)),
      Number(option('timeout-ms', '60000')));
    consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const value = await deserializer.deserialize(topic, message.value);
        const key = message.key === null ? null : message.key.toString('utf8');
        const offset = Number(message.offset);
        console.log(JSON.stringify({ topic, partition, offset, key, value: plain(value) }));
        if (++seen >= count) {
          clearTimeout(timer);
          resolve();
        }
      },
    }).catch(reject);
  });
  await consumer.disconnect();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
