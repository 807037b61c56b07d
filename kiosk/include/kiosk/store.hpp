#pragma once

// The site database: one SQLite file in WAL mode shared by the board, the camera process and
// the staff tools at once. Every write runs in a short BEGIN IMMEDIATE transaction so that
// concurrent writers queue on the busy timeout instead of failing with "database is locked".

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Savepoint.h>
#include <SQLiteCpp/Transaction.h>
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <type_traits>

namespace kiosk {

enum class Access { ReadOnly, ReadWrite };
enum class Creation { MustExist, CreateIfMissing };

// The environment is broken (missing, foreign, newer or read-only file): programs exit non-zero.
class StoreError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Store {
public:
    static constexpr std::int32_t application_id = 0x4B696F73; // "Kios"

    Store(const std::filesystem::path& path, Access access,
          Creation creation = Creation::MustExist);

    [[nodiscard]] SQLite::Database& connection() { return database_; }
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }
    [[nodiscard]] int schema_version();
    [[nodiscard]] static int latest_schema_version();

    // Changes whenever another connection commits; cheap enough to poll several times a second.
    [[nodiscard]] std::int64_t data_version();

    // Runs `work` in one IMMEDIATE transaction, committed when it returns normally and rolled
    // back if it throws. Nested calls become savepoints of the enclosing transaction, so
    // several writes compose into one all-or-nothing unit.
    template <typename Work> decltype(auto) write(Work&& work)
    {
        if (in_transaction()) {
            SQLite::Savepoint savepoint(database_, "nested_write");
            return finish(savepoint, work);
        }
        SQLite::Transaction transaction(database_, SQLite::TransactionBehavior::IMMEDIATE);
        return finish(transaction, work);
    }

    [[nodiscard]] bool in_transaction();

private:
    static void complete(SQLite::Transaction& transaction) { transaction.commit(); }
    static void complete(SQLite::Savepoint& savepoint) { savepoint.release(); }

    template <typename Scope, typename Work> static decltype(auto) finish(Scope& scope, Work& work)
    {
        if constexpr (std::is_void_v<decltype(work())>) {
            work();
            complete(scope);
        } else {
            decltype(auto) result = work();
            complete(scope);
            return result;
        }
    }

    void check_identity(Access access);
    void migrate();

    std::filesystem::path path_;
    SQLite::Database database_;
};

} // namespace kiosk
