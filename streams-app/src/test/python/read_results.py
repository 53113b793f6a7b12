"""Reads rela's results, low-confidence results and dead letters with confluent-kafka's consumer
and SchemaRegistryClient (Debian's python3-confluent-kafka) and decodes them with python3-avro,
printing each record as one JSON line: {"topic", "partition", "offset", "key", "value"}. Bytes print
as base64, timestamps as epoch milliseconds.

    python3 read_results.py --bootstrap 127.0.0.1:9092 --registry http://127.0.0.1:8081 \
        --topics translation-results,translation-low-confidence,translation-dead-letter --count 3
"""
import argparse
import base64
import datetime
import io
import json
import struct
import time

import avro.io
import avro.schema
from confluent_kafka import Consumer
from confluent_kafka.schema_registry import SchemaRegistryClient

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def plain(value):
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, datetime.datetime):
        return (value - EPOCH) // datetime.timedelta(milliseconds=1)
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def decode(registry, message):
    """Confluent wire format: magic byte 0, a 4-byte big-endian schema id, then Avro binary."""
    payload = message.value()
    magic, schema_id = struct.unpack(">bI", payload[:5])
    if magic != 0:
        raise ValueError("not Confluent's wire format: magic byte %d" % magic)
    schema = avro.schema.parse(registry.get_schema(schema_id).schema_str)
    decoder = avro.io.BinaryDecoder(io.BytesIO(payload[5:]))
    value = avro.io.DatumReader(schema).read(decoder)
    return value


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bootstrap", required=True)
    parser.add_argument("--registry", required=True)
    parser.add_argument("--topics", required=True)
    parser.add_argument("--count", type=int, default=1)
    parser.add_argument("--timeout-s", type=float, default=60)
    args = parser.parse_args()

    registry_url = args.registry
    registry = SchemaRegistryClient({"url": registry_url})
    consumer = Consumer({
        "bootstrap.servers": args.bootstrap,
        "group.id": "rela-python-reader-%d" % time.time_ns(),
        "auto.offset.reset": "earliest",
        "isolation.level": "read_committed",
    })
    consumer.subscribe(args.topics.split(","))
    seen = 0
    deadline = time.monotonic() + args.timeout_s
    try:
        while seen < args.count:
            if time.monotonic() > deadline:
                raise SystemExit("%d of %d records within the timeout" % (seen, args.count))
            message = consumer.poll(0.5)
            if message is None:
                continue
            if message.error():
                raise SystemExit("consumer error: %s" % message.error())
            key = message.key()
            print(json.dumps({
                "topic": message.topic(),
                "partition": message.partition(),
                "offset": message.offset(),
                "key": None if key is None else key.decode("utf-8"),
                "value": plain(decode(registry, message)),
            }), flush=True)
            seen += 1
    finally:
        consumer.close()


if __name__ == "__main__":
    main()
