#pragma once

// The bundle on the wire:
//
//   bytes 0–5     "ATSYNC"
//   byte  6       format version (1)
//   bytes 7–10    key id of the signing key
//   bytes 11–14   payload length N, big-endian
//   N bytes       payload: CBOR (RFC 8949) of a JSON-like document, see sync_bundle.cpp
//   64 bytes      Ed25519 signature of every byte before it
//
// The key id is outside the payload so the receiver can pick the key and check the signature
// before it parses anything the sender wrote.

#include "kiosk/sync/sync.hpp"
#include "kiosk/tickets/keys.hpp"
#include "sync_tables.hpp"

#include <nlohmann/json.hpp>
#include <span>
#include <vector>

namespace kiosk::sync {

struct Row {
    const Table* table = nullptr;
    nlohmann::json key;
    bool deleted = false;
    nlohmann::json values; // one per column of the table, in order; null for a tombstone
};

struct Content {
    BundleHeader header;
    std::vector<Row> rows;
};

[[nodiscard]] std::vector<std::uint8_t> seal(const Content& content, const SigningKey& key);

// The key id named by the framing, once the framing is sound.
[[nodiscard]] tl::expected<KeyId, SyncError> framed_key(std::span<const std::uint8_t> bytes);

// Checks the signature with `key`, then reads the payload strictly.
[[nodiscard]] tl::expected<Content, SyncError> open(std::span<const std::uint8_t> bytes,
                                                    const PublicKey& key);

} // namespace kiosk::sync
