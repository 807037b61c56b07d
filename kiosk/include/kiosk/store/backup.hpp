#pragma once

// Copies of the site database kept somewhere else than the kiosk's own card, and the way back.
// Copies are taken with SQLite's online backup while the board and the camera keep writing,
// and each one is checked before it counts as a backup.

#include "kiosk/base/time.hpp"

#include <filesystem>
#include <string>
#include <tl/expected.hpp>
#include <vector>

namespace kiosk {

// The kind names the file, so pruning the nightly copies never touches the safety copies taken
// before an upgrade or a restore:
//   site-2026-11-26T01-30-00Z.db, avant-mise-a-jour-…, avant-restauration-…
enum class BackupKind { Nightly, BeforeUpgrade, BeforeRestore };

// Whether `file` is a sound kiosk database this program can use: it passes integrity_check,
// carries the kiosk's application id and a schema version this program knows (older ones are
// migrated when opened). The schema version, else what is wrong, in French.
[[nodiscard]] tl::expected<int, std::string> verify_database_file(const std::filesystem::path& file);

// Copies `database` into `directory` (created if missing) under a name made of `kind` and
// `now` in UTC. The copy is written under a temporary name, synced, verified, then renamed:
// a bad or partial copy is deleted and reported, never left to look like a backup.
[[nodiscard]] tl::expected<std::filesystem::path, std::string>
back_up(const std::filesystem::path& database, const std::filesystem::path& directory,
        BackupKind kind, Instant now);

// Deletes all but the `keep` newest copies of `kind` in `directory`; returns what it deleted.
std::vector<std::filesystem::path> prune_backups(const std::filesystem::path& directory,
                                                 BackupKind kind, int keep);

// The copies of `kind` in `directory`, newest first.
[[nodiscard]] std::vector<std::filesystem::path> list_backups(const std::filesystem::path& directory,
                                                              BackupKind kind);

struct Restored {
    std::filesystem::path safety_copy; // the database as it was just before
    int restored_schema = 0;           // the backup's schema, before it was migrated
    int schema = 0;                    // the schema now
};

// Puts `backup` in place of `database`: verifies the backup first, copies the current database
// into `safety_directory`, then writes the backup's pages into the database in one SQLite
// transaction (all or nothing, even on a power cut) and migrates it to the latest schema.
// Nobody else should be using the database meanwhile: their view would change under them.
[[nodiscard]] tl::expected<Restored, std::string>
restore(const std::filesystem::path& database, const std::filesystem::path& backup,
        const std::filesystem::path& safety_directory, Instant now);

} // namespace kiosk
