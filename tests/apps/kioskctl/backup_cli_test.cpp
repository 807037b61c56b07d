// kioskctl backup, restore and check, end to end on real database files.

#include "build_paths.hpp"
#include "kiosk/store/backup.hpp"
#include "kiosk/store/store.hpp"
#include "kioskctl.hpp"
#include "sql.hpp"

#include <SQLiteCpp/Database.h>
#include <fstream>
#include <thread>

namespace {

std::filesystem::path only_backup(const std::filesystem::path& directory, kiosk::BackupKind kind)
{
    const auto found = kiosk::list_backups(directory, kind);
    REQUIRE(found.size() == 1);
    return found.front();
}

// Overwrites `size` bytes at `offset` with garbage, as a failing card or a bad copy would.
void damage(const std::filesystem::path& file, std::streamoff offset, std::size_t size)
{
    std::fstream stream(file, std::ios::in | std::ios::out | std::ios::binary);
    REQUIRE(stream);
    stream.seekp(offset);
    const std::string garbage(size, '\xAB');
    stream.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
}

} // namespace

TEST_CASE("A backup restored gives back exactly the data it copied, and the database it replaced is kept",
          "[kioskctl][backup]")
{
    test::Kioskctl kioskctl;
    kioskctl.ok({"init"});
    kioskctl.ok({"demo", "--date", "2026-11-26"});
    const auto backups = kioskctl.dir() / "sauvegardes-usb";
    const auto before = test::dump_database(kioskctl.database());

    const auto out = kioskctl.ok({"backup", "--to", backups.string()});
    const auto copy = only_backup(backups, kiosk::BackupKind::Nightly);
    CHECK_THAT(out, Catch::Contains(copy.string()));
    const auto name = copy.filename().string(); // site-2026-11-26T01-30-00Z.db
    CHECK(name.size() == 28);
    CHECK(name.starts_with("site-"));
    CHECK(name.ends_with("Z.db"));
    CHECK(name[15] == 'T');
    CHECK(kiosk::verify_database_file(copy).value() == kiosk::Store::latest_schema_version());
    CHECK(test::dump_database(copy) == before);
    // A self-contained file: nothing beside it on the USB disk.
    CHECK_FALSE(std::filesystem::exists(copy.string() + "-wal"));

    kioskctl.ok({"demo", "--date", "2026-11-27"}); // life goes on after the backup
    const auto changed = test::dump_database(kioskctl.database());
    REQUIRE(changed != before);

    const auto restored = kioskctl.ok({"restore", copy.string(), "--by", "claire"});
    // The copy's data, and one more line in its trail: who put it back, from which file.
    CHECK(test::Sql(kioskctl.database(), test::Sql::Mode::ReadOnly)
              .rows("SELECT actor, action, target FROM audit_log ORDER BY id DESC LIMIT 1") ==
          std::vector<std::vector<std::string>>{{"claire", "database.restore", name}});
    test::Sql(kioskctl.database()).exec("DELETE FROM audit_log WHERE action = 'database.restore'");
    CHECK(test::dump_database(kioskctl.database()) == before);
    CHECK(kiosk::verify_database_file(kioskctl.database()).has_value());
    const auto safety = only_backup(kioskctl.dir() / "sauvegardes", kiosk::BackupKind::BeforeRestore);
    CHECK_THAT(restored, Catch::Contains(safety.string()));
    CHECK(test::dump_database(safety) == changed);
}

TEST_CASE("Backups keep the N newest, named by their instant", "[kioskctl][backup]")
{
    test::Kioskctl kioskctl;
    kioskctl.ok({"init"});
    const auto backups = (kioskctl.dir() / "usb").string();
    for (const char* night : {"2026-11-24 02:30", "2026-11-25 02:30", "2026-11-26 02:30"})
        kioskctl.ok({"--at", night, "backup", "--to", backups, "--keep", "2"});
    const auto kept = kiosk::list_backups(backups, kiosk::BackupKind::Nightly);
    REQUIRE(kept.size() == 2);
    CHECK(kept[0].filename() == "site-2026-11-26T01-30-00Z.db");
    CHECK(kept[1].filename() == "site-2026-11-25T01-30-00Z.db");
}

TEST_CASE("A backup on the database's own disk is refused with --other-disk", "[kioskctl][backup]")
{
    test::Kioskctl kioskctl;
    kioskctl.ok({"init"});
    const auto same_disk = kioskctl.dir() / "pas-un-autre-disque";
    std::filesystem::create_directories(same_disk);
    const auto result = kioskctl({"backup", "--to", same_disk.string(), "--other-disk"});
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("même disque"));
    CHECK(kiosk::list_backups(same_disk, kiosk::BackupKind::Nightly).empty());
}

TEST_CASE("restore refuses a damaged, foreign or newer file and changes nothing", "[kioskctl][backup]")
{
    test::Kioskctl kioskctl;
    kioskctl.ok({"init"});
    kioskctl.ok({"demo", "--date", "2026-11-26"});
    const auto backups = kioskctl.dir() / "usb";
    kioskctl.ok({"backup", "--to", backups.string()});
    const auto good = only_backup(backups, kiosk::BackupKind::Nightly);
    const auto snapshot = kioskctl.snapshot();

    const auto damaged = kioskctl.dir() / "abimee.db";
    std::filesystem::copy_file(good, damaged);
    REQUIRE(std::filesystem::file_size(damaged) > 8 * 4096);
    damage(damaged, 3 * 4096, 2 * 4096);

    const auto truncated = kioskctl.dir() / "coupee.db";
    std::filesystem::copy_file(good, truncated);
    std::filesystem::resize_file(truncated, std::filesystem::file_size(good) / 2);

    const auto foreign = kioskctl.dir() / "autre.db";
    SQLite::Database(foreign.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE)
        .exec("CREATE TABLE t (x); INSERT INTO t VALUES (1)");

    const auto newer = kioskctl.dir() / "future.db";
    std::filesystem::copy_file(good, newer);
    SQLite::Database(newer.string(), SQLite::OPEN_READWRITE)
        .exec("PRAGMA user_version = " + std::to_string(kiosk::Store::latest_schema_version() + 1));

    for (const auto& [file, reason] : std::vector<std::pair<std::filesystem::path, std::string>>{
             {damaged, "abîmée"}, {truncated, "abîmée"}, {foreign, "pas une base du kiosque"},
             {newer, "schéma"}}) {
        INFO(file.filename().string());
        const auto result = kioskctl({"restore", file.string()});
        CHECK(result.exit_code == 2);
        CHECK_THAT(result.err, Catch::Contains("restauration refusée") && Catch::Contains(reason));
        CHECK(kioskctl.snapshot() == snapshot);
    }
    CHECK_FALSE(std::filesystem::exists(kioskctl.dir() / "sauvegardes"));
}

TEST_CASE("check reports integrity, schema, free space and the log, and fails on a problem",
          "[kioskctl][backup]")
{
    test::Kioskctl kioskctl;
    kioskctl.ok({"init"});
    const auto healthy = kioskctl({"check", "--json"});
    INFO(healthy.err);
    REQUIRE(healthy.exit_code == 0);
    const auto report = nlohmann::json::parse(healthy.out);
    CHECK(report["ok"] == true);
    CHECK(report["schema"] == kiosk::Store::latest_schema_version());
    CHECK(report["free_bytes"].get<std::uint64_t>() > 0);

    const auto full = kioskctl({"check", "--min-free-mb", "100000000"});
    CHECK(full.exit_code == 1);
    CHECK_THAT(full.out, Catch::Contains("ATTENTION") && Catch::Contains("libres"));

    const auto size = std::filesystem::file_size(kioskctl.database());
    SQLite::Database(kioskctl.database(), SQLite::OPEN_READWRITE).exec("PRAGMA wal_checkpoint(TRUNCATE)");
    REQUIRE(size > 4 * 4096);
    damage(kioskctl.database(), 2 * 4096, 2 * 4096);
    const auto broken = kioskctl({"check"});
    CHECK(broken.exit_code != 0);
    CHECK_THAT(broken.out + broken.err, Catch::Contains("abîmée"));
}

TEST_CASE("check --config-only names a typo in the site configuration", "[kioskctl][backup]")
{
    test::Kioskctl kioskctl;
    const auto config = kioskctl.dir() / "site.toml";
    std::ofstream(config) << "[site]\nid = \"rennes\"\nname = \"Rennes\"\n[checkin]\ncamra = \"x\"\n";
    const auto result = kioskctl({"--config", config.string(), "check", "--config-only"});
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("site.toml:5") && Catch::Contains("camra"));
    const auto good = kioskctl(
        {"--config", test::source_dir() + "/deploy/sites/nancy.toml", "check", "--config-only"});
    CHECK(good.exit_code == 0);
    CHECK_THAT(good.out, Catch::Contains("nancy"));
}

TEST_CASE("restore refuses while another program has the database open", "[kioskctl][backup]")
{
    test::Kioskctl kioskctl;
    kioskctl.ok({"init"});
    const auto backups = kioskctl.dir() / "usb";
    kioskctl.ok({"backup", "--to", backups.string()});
    const auto copy = only_backup(backups, kiosk::BackupKind::Nightly);
    const auto ready = kioskctl.dir() / "ouverte";

    // Another program holding the file open, as the board does, for long enough.
    std::thread holder([&] {
        (void)test::run_process({"bash", "-c", "exec 3<\"$0\"; touch \"$1\"; sleep 3",
                                 kioskctl.database(), ready.string()});
    });
    for (int wait = 0; wait < 200 && !std::filesystem::exists(ready); ++wait)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    const auto refused = kioskctl({"restore", copy.string()});
    holder.join();
    CHECK(refused.exit_code == 2);
    CHECK_THAT(refused.err, Catch::Contains("restauration refusée") && Catch::Contains("sleep ("));
    CHECK_FALSE(std::filesystem::exists(kioskctl.dir() / "sauvegardes"));

    kioskctl.ok({"restore", copy.string()}); // nobody else now
}
