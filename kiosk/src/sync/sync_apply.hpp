#pragma once

// What the steps of applying a bundle share across their files: the refusal that rolls the
// whole bundle back, the statements prepared once per bundle, and the ownership verdict each
// row gets before it is written (sync_ownership.cpp).

#include "kiosk/base/time.hpp"
#include "kiosk/store/store.hpp"
#include "store/database.hpp"
#include "sync_bundle.hpp"

#include <SQLiteCpp/Statement.h>
#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace kiosk::sync {

// Thrown inside the transaction so that everything written so far is rolled back.
struct Refusal {
    SyncError error;
};

// The statements of one bundle's rows, each prepared once: a bundle of a busy morning holds
// thousands of rows of the same few tables, and preparing an insert (its change-log triggers
// with it) costs more than running it.
class Statements {
public:
    explicit Statements(Store& store)
        : store_(store)
    {}
    SQLite::Statement& operator()(const std::string& sql)
    {
        auto& kept = prepared_[sql];
        if (!kept)
            kept = std::make_unique<SQLite::Statement>(database_of(store_), sql);
        else {
            kept->reset();
            kept->clearBindings();
        }
        return *kept;
    }

private:
    Store& store_;
    std::map<std::string, std::unique_ptr<SQLite::Statement>> prepared_;
};

// Binds a value of a bundle's row (null, text, blob or integer) to parameter `index`.
void bind_value(SQLite::Statement& statement, int index, const nlohmann::json& value);

enum class Verdict { Apply, Superseded };

// Whether `sender` may write `row` here: Apply, or Superseded when the office's plan of a
// session wins over a site's change made meanwhile (left aside, not refused). Throws Refusal
// when the row, as it is here or as it comes, is not the sender's. An incoming session whose
// calendar identity another session here holds is settled first, in the audit trail too.
[[nodiscard]] Verdict ownership_verdict(Store& store, Statements& statements, const Row& row,
                                        std::string_view sender, Instant now);

} // namespace kiosk::sync
