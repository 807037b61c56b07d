#include "kiosk/store/backup.hpp"
#include "kiosk/store/store.hpp"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Database.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <thread>

namespace kiosk {

tl::expected<Restored, std::string> restore(const std::filesystem::path& database,
                                            const std::filesystem::path& backup,
                                            const std::filesystem::path& safety_directory,
                                            Instant now)
{
    const auto version = verify_database_file(backup);
    if (!version)
        return tl::unexpected("restauration refusée, rien n'a changé : " + version.error());
    std::error_code error;
    if (std::filesystem::exists(database) && std::filesystem::equivalent(database, backup, error))
        return tl::unexpected(std::string("restauration refusée : c'est la base elle-même"));

    Restored restored;
    restored.restored_schema = *version;
    if (std::filesystem::exists(database)) {
        auto safety = back_up(database, safety_directory, BackupKind::BeforeRestore, now);
        if (!safety)
            return tl::unexpected(fmt::format(
                "restauration refusée, rien n'a changé : la base actuelle ne peut pas être "
                "sauvegardée d'abord ({}). Si elle est abîmée, mettez-la de côté (mv {} et ses "
                "fichiers -wal et -shm) puis relancez la restauration",
                safety.error(), database.string()));
        restored.safety_copy = *safety;
    }
    try {
        SQLite::Database source(backup.string(), SQLite::OPEN_READONLY);
        SQLite::Database target(database.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE,
                                5000);
        // The backup API writes every page inside one write transaction of the target: readers
        // see the old database or the restored one, and a power cut leaves one of the two.
        SQLite::Backup copy(target, source);
        for (int attempt = 0; copy.executeStep(-1) != SQLITE_DONE; ++attempt) {
            if (attempt == 100)
                return tl::unexpected(std::string("restauration impossible : la base est restée occupée"));
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    } catch (const SQLite::Exception& failure) {
        return tl::unexpected(fmt::format("restauration impossible : {}", failure.what()));
    }
    // An older backup is brought to the current schema the way any upgrade is.
    Store store(database, Access::ReadWrite);
    restored.schema = store.schema_version();
    if (auto verified = verify_database_file(database); !verified)
        return tl::unexpected("la base restaurée ne passe pas la vérification : " + verified.error());
    return restored;
}

} // namespace kiosk
