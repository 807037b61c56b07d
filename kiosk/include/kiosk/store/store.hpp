#pragma once

// The site database: one SQLite file in WAL mode shared by the board, the camera process and
// the staff tools at once. Every write runs in a short BEGIN IMMEDIATE transaction so that
// concurrent writers queue on the busy timeout instead of failing with "database is locked".
// SQLite itself stays inside the core: this header shows no SQLite type.

#include <cstdint>
#include <exception>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

namespace SQLite {
class Database;
}

namespace kiosk {

enum class Access { ReadOnly, ReadWrite };
enum class Creation { MustExist, CreateIfMissing };

// The environment is broken (missing, foreign, newer or read-only file): programs exit non-zero.
class StoreError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// What went wrong with the database, for a caller that must react by kind: a busy database is
// tried again, a full disk is told to staff, anything else is a loud failure.
enum class DatabaseProblem {
    Busy,     // another process held the lock beyond the busy timeout (SQLITE_BUSY, LOCKED)
    Full,     // the disk is full (SQLITE_FULL)
    ReadOnly, // the file or its folder cannot be written
    Corrupt,  // the file is damaged, or not a database
    Refused,  // a row broke a rule of the schema (constraint, type)
    Other,
};

// The kind of database failure `error` is; none when it is not a failure of the database.
[[nodiscard]] std::optional<DatabaseProblem> database_problem(const std::exception& error);

// A program's last words on a failure, in French: "erreur de la base de données : …" for a
// failure of the database, the failure's own message otherwise.
[[nodiscard]] std::string failure_message(const std::exception& error);

class Store {
public:
    static constexpr std::int32_t application_id = 0x4B696F73; // "Kios"

    Store(const std::filesystem::path& path, Access access,
          Creation creation = Creation::MustExist);
    ~Store();
    Store(Store&&) noexcept;
    Store& operator=(Store&&) noexcept;
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    [[nodiscard]] const std::filesystem::path& path() const { return path_; }
    [[nodiscard]] int schema_version();
    [[nodiscard]] static int latest_schema_version();

    // Changes whenever another connection commits; cheap enough to poll several times a second.
    [[nodiscard]] std::int64_t data_version();

    // Runs `work` in one IMMEDIATE transaction, committed when it returns normally and rolled
    // back if it throws. Nested calls become savepoints of the enclosing transaction, so
    // several writes compose into one all-or-nothing unit.
    template <typename Work> auto write(Work&& work) -> std::invoke_result_t<Work&>
    {
        return run(Scope::Write, work);
    }

    // Runs `work` in one read transaction: everything it reads comes from the same commit,
    // whatever other processes write meanwhile. Inside a transaction, it just runs. A write
    // inside a read is a mistake (it could not wait its turn): it throws std::logic_error.
    template <typename Work> auto read(Work&& work) -> std::invoke_result_t<Work&>
    {
        return run(Scope::Read, work);
    }

    [[nodiscard]] bool in_transaction();

private:
    enum class Scope { Read, Write };

    template <typename Work> auto run(Scope scope, Work& work) -> std::invoke_result_t<Work&>
    {
        using Result = std::invoke_result_t<Work&>;
        static_assert(!std::is_reference_v<Result>, "a transaction returns values, not references");
        if constexpr (std::is_void_v<Result>) {
            transact(
                scope,
                [](void* context) { (*static_cast<std::remove_reference_t<Work>*>(context))(); },
                const_cast<void*>(static_cast<const void*>(&work)));
        } else {
            struct Call {
                Work& work;
                std::optional<Result> result;
            } call{work, std::nullopt};
            transact(
                scope,
                [](void* context) {
                    auto& self = *static_cast<Call*>(context);
                    self.result.emplace(self.work());
                },
                &call);
            return std::move(*call.result);
        }
    }

    // Opens the transaction (or savepoint), calls `body(context)`, commits, or rolls back if it
    // throws.
    void transact(Scope scope, void (*body)(void*), void* context);
    void check_identity(Access access);
    void migrate();

    // The connection, for the core's own code only (see store/database.hpp in its sources).
    friend SQLite::Database& database_of(Store& store);

    std::filesystem::path path_;
    std::unique_ptr<SQLite::Database> database_;
    Scope outermost_ = Scope::Read; // of the transaction under way, when there is one
};

} // namespace kiosk
