#pragma once

// Sync between the national office and the sites, by signed bundles carried on a USB stick or
// copied over the network. Each side sends only what it owns (the office: national sessions,
// tickets and revocations, trusted ticket keys; a site: its workshops, scans, check-ins and
// walk-ins), so applying never has to resolve a conflict.
//
// Every write of every program lands in a row-level change log (triggers, schema version 4),
// numbered by a per-database sequence. A bundle carries the current state of the rows its
// sender owns that changed in a range (from, to] of that sequence, tombstones for deleted
// rows, and is signed with the sender's Ed25519 key. The receiver remembers, per peer, up to
// which number it has applied: a replayed bundle changes nothing, and one that arrives before
// an earlier one is kept aside and applied as soon as the gap is filled. Any order, any number
// of times, gives the same database.

#include "kiosk/base/site.hpp"
#include "kiosk/base/time.hpp"
#include "kiosk/store/store.hpp"
#include "kiosk/tickets/keys.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

namespace kiosk {

inline constexpr std::uint8_t bundle_format_version = 1;

// What this database is ("office" or a site id) and the key that signs what it sends. The
// office signs with its ticket key (sites already trust it); each site with its device key,
// registered at the office.
struct SyncIdentity {
    std::string name;
    std::filesystem::path key_file;
    PublicKey public_key;
    std::int64_t log_id = 0; // names this database's change log
};

struct BundleHeader {
    int format = bundle_format_version;
    int schema = 0;
    std::string sender;
    std::string recipient;
    std::int64_t log_id = 0;   // the sender's change log
    std::int64_t from_seq = 0; // the sender's changes after this number…
    std::int64_t to_seq = 0;   // …up to this one, included
    std::int64_t have = 0;     // how far the sender has applied the recipient's changes
    // Of which change log of the recipient: "have" of a log since replaced means nothing.
    // None in a bundle from a sender that never heard from the recipient (or an older one).
    std::optional<std::int64_t> have_log;
    Instant created_at;
};

enum class SyncProblem {
    NoIdentity,     // this database has no sync identity yet
    BadRecipient,   // export for someone this database does not send to
    BadToken,       // --since beyond what this database has
    NotABundle,     // wrong magic: not a bundle at all
    Truncated,      // cut short, or bytes added
    NewerFormat,    // a bundle format this program does not know
    UnknownKey,     // signed by a key that is not registered (device) or trusted (office)
    BadSignature,   // the bytes were changed after signing
    Unreadable,     // signed, but its content is malformed
    WrongRecipient, // meant for another database
    WrongSender,    // the signing key does not belong to the sender it names
    NewerSchema,    // written by a newer schema
    OtherLog,       // the sender's database was made anew since the last bundle
    NotOwned,       // it touches rows its sender does not own
    Rejected,       // the database refused a row (a constraint)
    TooManyPending, // too many bundles from this sender wait for an earlier one
};

// Bundles kept for later (arrived before an earlier one) per sender, at most: past that, a
// bundle out of order is refused and its sender sends it again once the gap is filled.
inline constexpr int max_pending_bundles = 64;
// The largest bundle read, whatever its route (a file route bundle holds everything since the
// last one: a year of a busy site is some 30 MB).
inline constexpr std::size_t largest_bundle = 128 * 1024 * 1024;
// The live link's bundles hold at most this many changes each, so that a site back after a
// long outage (or the office's first bundle to a new site) stays far under the office's
// request limit (8 MB): a change is at most a few kilobytes. The next exchange carries on.
inline constexpr std::size_t link_bundle_changes = 2000;

struct SyncError {
    SyncProblem problem;
    std::string message; // in French, naming the problem
};

struct ExportedBundle {
    BundleHeader header;
    std::vector<std::uint8_t> bytes;
    std::size_t rows = 0;
    std::size_t deletions = 0;
    std::size_t received = 0; // in an exchange: rows and deletions applied from the peer's bundle
};

struct AppliedBundle {
    enum class Outcome { Applied, AlreadyApplied, KeptForLater };
    Outcome outcome = Outcome::Applied;
    BundleHeader header;
    std::size_t rows = 0;
    std::size_t deletions = 0;
    std::size_t caught_up = 0;    // bundles kept for later that this one let through
    // A site's changes to sessions the office planned meanwhile: left as the office has them,
    // since the office's plan wins and reaches the site with its next bundle.
    std::size_t superseded = 0;
    std::int64_t applied_seq = 0; // how far the sender's changes are applied now
};

struct PeerStatus {
    std::string peer;
    std::optional<PublicKey> device; // a site's registered device key (at the office)
    std::optional<Instant> registered_at;
    std::optional<Instant> retired_at; // the device was retired (lost, stolen)
    std::optional<Instant> contact_at; // the peer's last exchange over the live link
    std::int64_t received_seq = 0; // the peer's changes applied here, up to this number
    std::optional<std::int64_t> received_from;
    std::optional<Instant> received_at;
    std::optional<Instant> received_made; // when the peer made that bundle
    std::int64_t acked_seq = 0;           // the peer says it has applied ours up to this
    std::optional<std::int64_t> sent_from;
    std::optional<std::int64_t> sent_seq;
    std::optional<Instant> sent_at;
    int kept_for_later = 0;
    std::int64_t waiting = 0; // this database's changes the peer has not acknowledged
};

struct SyncStatus {
    std::optional<SyncIdentity> identity;
    std::int64_t log_seq = 0; // the latest number of this database's change log
    std::vector<PeerStatus> peers;
};

class Sync {
public:
    explicit Sync(Store& store)
        : store_(store)
    {
    }

    // `name` is "office" or a site id. The key file is read to check it and its absolute path
    // kept; setting it again with another key keeps the change log and its peers.
    [[nodiscard]] tl::expected<SyncIdentity, std::string>
    set_identity(std::string_view name, const std::filesystem::path& key_file, Instant now);
    [[nodiscard]] std::optional<SyncIdentity> identity();

    // At the office: the device key of a site. Registering anew replaces the key and forgets
    // what was received from the site, so a site database made anew starts over.
    void register_device(std::string_view site, const PublicKey& key, Instant now);

    // The rows this database owns that changed after `since` (by default: what the recipient
    // said it has), minimised for the recipient, signed with the identity's key. With
    // `most_changes`, the bundle stops after that many changes of the log (its `to` says
    // where): what is left goes in the next one.
    [[nodiscard]] tl::expected<ExportedBundle, SyncError>
    export_for(std::string_view recipient, std::optional<std::int64_t> since, Instant now,
               std::optional<std::size_t> most_changes = std::nullopt);

    // Checks the bundle completely (framing, key, signature, recipient, sender, schema)
    // before reading anything in it, then applies it in one transaction. A refused bundle
    // leaves the database exactly as it was.
    [[nodiscard]] tl::expected<AppliedBundle, SyncError> apply(std::span<const std::uint8_t> bundle,
                                                               Instant now);

    [[nodiscard]] SyncStatus status();

    // At the office, one exchange of the live link: applies the bundle `site` sent (when there
    // is one: it must come from that site) and exports the office's changes for it, in reply.
    [[nodiscard]] tl::expected<ExportedBundle, SyncError>
    exchange(std::string_view site, std::span<const std::uint8_t> bundle, Instant now);

    // The number of this database's latest change: it grows with every write of every program.
    [[nodiscard]] std::int64_t log_position();

    // How many of this database's changes `peer` has not said it has: what waits to be sent.
    [[nodiscard]] std::int64_t waiting_for(std::string_view peer);

private:
    Store& store_;
};

} // namespace kiosk
