#include "kiosk/store/store.hpp"

#include "database.hpp"
#include "migrations.hpp"

#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Savepoint.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>
#include <sqlite3.h>

namespace kiosk {
namespace {

int open_flags(Access access, Creation creation)
{
    if (access == Access::ReadOnly)
        return SQLite::OPEN_READONLY;
    return SQLite::OPEN_READWRITE |
           (creation == Creation::CreateIfMissing ? SQLite::OPEN_CREATE : 0);
}

std::unique_ptr<SQLite::Database> open_database(const std::filesystem::path& path, Access access,
                                                Creation creation)
{
    if (creation == Creation::MustExist && !std::filesystem::exists(path))
        throw StoreError(fmt::format(
            "aucune base de données à {} (créez-la avec « kioskctl init »)", path.string()));
    try {
        return std::make_unique<SQLite::Database>(path.string(), open_flags(access, creation),
                                                  5000);
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
        database_->exec("PRAGMA foreign_keys = ON");
        if (access == Access::ReadWrite) {
            database_->exec("PRAGMA journal_mode = WAL");
            // FULL: a check-in reported to a visitor survives a power cut.
            database_->exec("PRAGMA synchronous = FULL");
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

Store::~Store() = default;
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;

SQLite::Database& database_of(Store& store) { return *store.database_; }

std::optional<DatabaseProblem> database_problem(const std::exception& error)
{
    const auto* failure = dynamic_cast<const SQLite::Exception*>(&error);
    if (failure == nullptr)
        return std::nullopt;
    // Extended codes carry the primary code in their low byte; a failure raised by SQLiteCpp
    // itself (a misused statement) has none.
    int code = failure->getErrorCode();
    if (code <= 0)
        code = failure->getExtendedErrorCode();
    if (code <= 0)
        return DatabaseProblem::Other;
    switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return DatabaseProblem::Busy;
    case SQLITE_FULL:
        return DatabaseProblem::Full;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
        return DatabaseProblem::ReadOnly;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return DatabaseProblem::Corrupt;
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_TOOBIG:
    case SQLITE_RANGE:
        return DatabaseProblem::Refused;
    default:
        return DatabaseProblem::Other;
    }
}

std::string failure_message(const std::exception& error)
{
    if (database_problem(error))
        return fmt::format("erreur de la base de données : {}", error.what());
    return error.what();
}

void Store::transact(Scope scope, void (*body)(void*), void* context)
{
    if (in_transaction()) {
        if (scope == Scope::Read)
            return body(context);
        // Inside a read transaction the write lock cannot be waited for: in WAL mode the
        // upgrade fails at once if another process wrote since the read began.
        if (outermost_ == Scope::Read)
            throw std::logic_error("écriture dans une transaction de lecture");
        SQLite::Savepoint savepoint(*database_, "nested_write");
        body(context);
        savepoint.release();
        return;
    }
    SQLite::Transaction transaction(*database_, scope == Scope::Write
                                                    ? SQLite::TransactionBehavior::IMMEDIATE
                                                    : SQLite::TransactionBehavior::DEFERRED);
    outermost_ = scope;
    body(context);
    transaction.commit();
}

bool Store::in_transaction() { return sqlite3_get_autocommit(database_->getHandle()) == 0; }

int Store::latest_schema_version() { return static_cast<int>(migrations().size()); }

int Store::schema_version() { return database_->execAndGet("PRAGMA user_version").getInt(); }

std::int64_t Store::data_version()
{
    return database_->execAndGet("PRAGMA data_version").getInt64();
}

void Store::check_identity(Access access)
{
    const int id = database_->execAndGet("PRAGMA application_id").getInt();
    const int version = schema_version();
    const int objects = database_->execAndGet("SELECT count(*) FROM sqlite_schema").getInt();
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
        throw StoreError(
            fmt::format("la base {} est vide (créez-la avec « kioskctl init »)", path_.string()));
    if (access == Access::ReadWrite && sqlite3_db_readonly(database_->getHandle(), "main") == 1)
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
            database_->exec(std::string(steps[static_cast<std::size_t>(version)]));
            database_->exec(fmt::format("PRAGMA user_version = {}", version + 1));
        }
        database_->exec(fmt::format("PRAGMA application_id = {}", application_id));
    });
}

} // namespace kiosk
