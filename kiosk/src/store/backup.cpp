#include "kiosk/store/backup.hpp"

#include "kiosk/store/store.hpp"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <cerrno>
#include <date/date.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <functional>
#include <sqlite3.h>
#include <system_error>
#include <thread>
#include <unistd.h>

namespace kiosk {
namespace {

std::string_view prefix_of(BackupKind kind)
{
    switch (kind) {
    case BackupKind::Nightly: return "site-";
    case BackupKind::BeforeUpgrade: return "avant-mise-a-jour-";
    case BackupKind::BeforeRestore: return "avant-restauration-";
    }
    return "site-";
}

// UTC, so the 25-hour day in October cannot give two copies the same name, and names sort as
// instants do.
std::string file_name(BackupKind kind, Instant now, int attempt)
{
    const auto stamp = date::format("%Y-%m-%dT%H-%M-%SZ", now);
    if (attempt == 0)
        return fmt::format("{}{}.db", prefix_of(kind), stamp);
    return fmt::format("{}{}-{}.db", prefix_of(kind), stamp, attempt);
}

void sync_path(const std::filesystem::path& path, int flags)
{
    const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
    if (fd < 0)
        throw std::system_error(errno, std::generic_category(), path.string());
    const int result = ::fsync(fd);
    const int saved = errno;
    ::close(fd);
    if (result != 0)
        throw std::system_error(saved, std::generic_category(), "fsync " + path.string());
}

// Copies every page of `source` into `destination` in one step, waiting while a writer holds
// the lock at the very moment the copy commits.
void copy_pages(SQLite::Database& destination, SQLite::Database& source)
{
    SQLite::Backup backup(destination, source);
    for (int attempt = 0;; ++attempt) {
        const int status = backup.executeStep(-1);
        if (status == SQLITE_DONE)
            return;
        if (attempt == 100)
            throw std::runtime_error("la base est restée occupée pendant 10 s");
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

std::string integrity_problems(SQLite::Database& database)
{
    SQLite::Statement check(database, "PRAGMA integrity_check(20)");
    std::string problems;
    while (check.executeStep()) {
        const std::string line = check.getColumn(0).getString();
        if (line == "ok")
            continue;
        problems += problems.empty() ? line : " ; " + line;
    }
    return problems;
}

} // namespace

tl::expected<int, std::string> verify_database_file(const std::filesystem::path& file)
{
    if (!std::filesystem::is_regular_file(file))
        return tl::unexpected(fmt::format("{} n'existe pas ou n'est pas un fichier", file.string()));
    try {
        SQLite::Database database(file.string(), SQLite::OPEN_READONLY);
        const int id = database.execAndGet("PRAGMA application_id").getInt();
        if (id != Store::application_id)
            return tl::unexpected(
                fmt::format("{} n'est pas une base du kiosque", file.string()));
        if (const auto problems = integrity_problems(database); !problems.empty())
            return tl::unexpected(
                fmt::format("{} est abîmée (integrity_check : {})", file.string(), problems));
        const int version = database.execAndGet("PRAGMA user_version").getInt();
        if (version < 1 || version > Store::latest_schema_version())
            return tl::unexpected(fmt::format(
                "{} a le schéma {} ; ce programme connaît les schémas 1 à {}", file.string(),
                version, Store::latest_schema_version()));
        return version;
    } catch (const SQLite::Exception& error) {
        return tl::unexpected(fmt::format("{} est illisible ou abîmée : {}", file.string(),
                                          error.what()));
    }
}

tl::expected<std::filesystem::path, std::string>
back_up(const std::filesystem::path& database, const std::filesystem::path& directory,
        BackupKind kind, Instant now)
{
    std::error_code error;
    std::filesystem::create_directories(directory, error);
    if (error)
        return tl::unexpected(
            fmt::format("dossier de sauvegarde {} : {}", directory.string(), error.message()));
    std::filesystem::path final_path;
    for (int attempt = 0; final_path.empty() || std::filesystem::exists(final_path); ++attempt)
        final_path = directory / file_name(kind, now, attempt);
    const auto partial = directory / fmt::format(".{}.partielle", final_path.filename().string());
    const auto discard = [&](std::string message) {
        std::error_code ignored;
        std::filesystem::remove(partial, ignored);
        std::filesystem::remove(partial.string() + "-journal", ignored);
        return tl::unexpected(std::move(message));
    };
    try {
        if (!std::filesystem::exists(database))
            return discard(fmt::format("aucune base à {}", database.string()));
        SQLite::Database source(database.string(), SQLite::OPEN_READONLY, 5000);
        if (source.execAndGet("PRAGMA application_id").getInt() != Store::application_id)
            return discard(fmt::format("{} n'est pas une base du kiosque", database.string()));
        std::filesystem::remove(partial, error);
        {
            SQLite::Database copy(partial.string(),
                                  SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
            copy_pages(copy, source);
            // One self-contained file: no -wal or -shm beside a copy on a USB disk.
            copy.exec("PRAGMA journal_mode = DELETE");
        }
        sync_path(partial, O_RDONLY);
        if (auto verified = verify_database_file(partial); !verified)
            return discard("copie refusée : " + verified.error());
        std::filesystem::rename(partial, final_path);
        sync_path(directory, O_RDONLY | O_DIRECTORY);
        return final_path;
    } catch (const std::exception& failure) {
        return discard(fmt::format("sauvegarde de {} dans {} impossible : {}", database.string(),
                                   directory.string(), failure.what()));
    }
}

std::vector<std::filesystem::path> list_backups(const std::filesystem::path& directory,
                                                BackupKind kind)
{
    std::vector<std::filesystem::path> found;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
        const auto name = entry.path().filename().string();
        if (entry.is_regular_file() && name.starts_with(prefix_of(kind)) && name.ends_with(".db"))
            found.push_back(entry.path());
    }
    std::sort(found.begin(), found.end(), std::greater<>());
    return found;
}

std::vector<std::filesystem::path> prune_backups(const std::filesystem::path& directory,
                                                 BackupKind kind, int keep)
{
    auto found = list_backups(directory, kind);
    std::vector<std::filesystem::path> removed;
    for (std::size_t index = static_cast<std::size_t>(std::max(keep, 1)); index < found.size();
         ++index) {
        std::error_code error;
        if (std::filesystem::remove(found[index], error))
            removed.push_back(found[index]);
    }
    return removed;
}

} // namespace kiosk
