#include "kiosk/store.hpp"

#include "migrations.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

namespace kiosk {
namespace {

int open_flags(Access access, Creation creation)
{
    if (access == Access::ReadOnly)
        return SQLite::OPEN_READONLY;
    return SQLite::OPEN_READWRITE | (creation == Creation::CreateIfMissing ? SQLite::OPEN_CREATE : 0);
}

SQLite::Database open_database(const std::filesystem::path& path, Access access,
                               Creation creation)
{
    if (creation == Creation::MustExist && !std::filesystem::exists(path))
        throw StoreError(fmt::format("aucune base de données à {} (créez-la avec « kioskctl init »)",
                                     path.string()));
    try {
        return SQLite::Database(path.string(), open_flags(access, creation), 5000);
    } catch (const SQLite::Exception& error) {
        throw StoreError(
            fmt::format("impossible d'ouvrir la base {} : {}", path.string(), error.what()));
    }
}

} // namespace

Store::Store(const std::filesystem::path& path, Access access, Creation creation)
    : path_(path)
    , database_(open_database(path, access, creation))
{
    try {
        check_identity(access);
        database_.exec("PRAGMA foreign_keys = ON");
        if (access == Access::ReadWrite) {
            database_.exec("PRAGMA journal_mode = WAL");
            // FULL: a check-in reported to a visitor survives a power cut.
            database_.exec("PRAGMA synchronous = FULL");
            migrate();
        } else if (schema_version() < latest_schema_version()) {
            throw StoreError(fmt::format(
                "la base {} a le schéma {} ; ce programme attend {} (lancez « kioskctl init »)",
                path.string(), schema_version(), latest_schema_version()));
        }
    } catch (const SQLite::Exception& error) {
        if (error.getErrorCode() == SQLITE_NOTADB)
            throw StoreError(fmt::format("{} n'est pas une base de données SQLite", path.string()));
        if (error.getErrorCode() == SQLITE_READONLY)
            throw StoreError(fmt::format("la base {} est en lecture seule", path.string()));
        throw StoreError(fmt::format("base {} : {}", path.string(), error.what()));
    }
}

bool Store::in_transaction() { return sqlite3_get_autocommit(database_.getHandle()) == 0; }

int Store::latest_schema_version() { return static_cast<int>(migrations().size()); }

int Store::schema_version() { return database_.execAndGet("PRAGMA user_version").getInt(); }

std::int64_t Store::data_version()
{
    return database_.execAndGet("PRAGMA data_version").getInt64();
}

void Store::check_identity(Access access)
{
    const int id = database_.execAndGet("PRAGMA application_id").getInt();
    const int version = schema_version();
    const int objects = database_.execAndGet("SELECT count(*) FROM sqlite_schema").getInt();
    const bool fresh = id == 0 && version == 0 && objects == 0;
    if (!fresh && id != application_id)
        throw StoreError(fmt::format(
            "{} est une base SQLite qui n'appartient pas au kiosque (application_id {:#x})",
            path_.string(), static_cast<unsigned>(id)));
    if (version > latest_schema_version())
        throw StoreError(fmt::format("la base {} vient d'une version plus récente (schéma {}, "
                                     "ce programme connaît le schéma {}) : mettez à jour le "
                                     "programme",
                                     path_.string(), version, latest_schema_version()));
    if (fresh && access == Access::ReadOnly)
        throw StoreError(fmt::format("la base {} est vide (créez-la avec « kioskctl init »)",
                                     path_.string()));
    if (access == Access::ReadWrite && sqlite3_db_readonly(database_.getHandle(), "main") == 1)
        throw StoreError(fmt::format("la base {} est en lecture seule", path_.string()));
}

void Store::migrate()
{
    if (schema_version() == latest_schema_version())
        return;
    // Re-read the version inside the write lock: another process may have migrated meanwhile.
    write([&] {
        const auto steps = migrations();
        for (int version = schema_version(); version < latest_schema_version(); ++version) {
            database_.exec(std::string(steps[static_cast<std::size_t>(version)]));
            database_.exec(fmt::format("PRAGMA user_version = {}", version + 1));
        }
        database_.exec(fmt::format("PRAGMA application_id = {}", application_id));
    });
}

} // namespace kiosk
