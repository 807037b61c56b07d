// Bundles that must be refused, whole, before anything in them is trusted: the database is
// left exactly as it was (every table, the sync bookkeeping included).

#include "heartbeat.hpp"
#include "kiosk/reports/site_health.hpp"
#include "png_bytes.hpp"
#include "sync_fixture.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <functional>
#include <nlohmann/json.hpp>
#include <numeric>
#include <random>

using test::paris;
using test::SyncNetwork;

namespace {

// Rewrites a bundle's payload and signs it again with `key`: a bundle as a buggy, newer or
// hostile program holding a real key would write it. Layout as in sync_bundle.hpp.
std::vector<std::uint8_t> resign(const std::vector<std::uint8_t>& bundle,
                                 const kiosk::SigningKey& key,
                                 const std::function<void(nlohmann::json&)>& change)
{
    const std::size_t length = (std::size_t{bundle[11]} << 24) | (std::size_t{bundle[12]} << 16) |
                               (std::size_t{bundle[13]} << 8) | bundle[14];
    auto payload = nlohmann::json::from_cbor(bundle.begin() + 15,
                                             bundle.begin() + 15 + static_cast<long>(length));
    change(payload);
    const auto cbor = nlohmann::json::to_cbor(payload);
    std::vector<std::uint8_t> bytes(bundle.begin(), bundle.begin() + 11);
    for (int shift = 24; shift >= 0; shift -= 8)
        bytes.push_back(static_cast<std::uint8_t>(cbor.size() >> shift));
    bytes.insert(bytes.end(), cbor.begin(), cbor.end());
    const auto signature = key.sign(bytes);
    bytes.insert(bytes.end(), signature.begin(), signature.end());
    return bytes;
}

void require_refused(test::SyncPeer& peer, const std::vector<std::uint8_t>& bytes,
                     kiosk::SyncProblem problem, const std::string& words)
{
    const auto before = peer.full_dump();
    const auto applied = peer.apply(bytes);
    REQUIRE_FALSE(applied);
    CHECK(applied.error().problem == problem);
    CHECK_THAT(applied.error().message, Catch::Contains(words));
    CHECK(peer.full_dump() == before);
}

} // namespace

TEST_CASE("sync: every single changed byte of a bundle is refused and changes nothing", "[sync]")
{
    SyncNetwork network;
    const auto live = network.add_session(*network.office, std::nullopt, "Lancer son site Internet",
                                          "2026-11-26 10:00", "2026-11-26 11:30");
    network.issue(live, "Awa");
    const auto bundle = network.office->export_for(*network.rennes);
    const auto before = network.rennes->full_dump();

    // Every position when the bundle is small, else a fixed-seed sample of 600 positions;
    // each with a random non-zero change of the byte.
    std::mt19937 random(20261126);
    std::vector<std::size_t> positions(bundle.size());
    std::iota(positions.begin(), positions.end(), std::size_t{0});
    std::shuffle(positions.begin(), positions.end(), random);
    positions.resize(std::min<std::size_t>(positions.size(), 600));
    int refused = 0;
    for (const std::size_t position : positions) {
        auto tampered = bundle;
        tampered[position] ^= static_cast<std::uint8_t>(1 + random() % 255);
        const auto applied = network.rennes->apply(tampered);
        if (!applied)
            ++refused;
        else
            FAIL_CHECK("byte " << position << " changed and the bundle was accepted");
    }
    CHECK(refused == static_cast<int>(positions.size()));
    CHECK(network.rennes->full_dump() == before);

    // Cut short at every length, and lengthened by one byte.
    for (std::size_t length = 0; length < bundle.size(); length += 7)
        CHECK_FALSE(
            network.rennes->apply({bundle.begin(), bundle.begin() + static_cast<long>(length)}));
    auto longer = bundle;
    longer.push_back(0);
    require_refused(*network.rennes, longer, kiosk::SyncProblem::Truncated, "tronqué");
    require_refused(*network.rennes, {bundle.begin(), bundle.end() - 1},
                    kiosk::SyncProblem::Truncated, "tronqué");
    CHECK(network.rennes->full_dump() == before);

    // The untouched bundle still applies.
    network.rennes->apply_ok(bundle);
    CHECK(network.rennes->count("SELECT count(*) FROM sessions") == 1);
}

TEST_CASE("sync: a bundle for another site, from an unknown device, or not a bundle", "[sync]")
{
    SyncNetwork network;
    network.add_session(*network.office, std::nullopt, "Lancer son site Internet",
                        "2026-11-26 10:00", "2026-11-26 11:30");
    network.add_session(*network.rennes, "rennes", "Facebook pour les commerçants",
                        "2026-11-26 14:00", "2026-11-26 16:00");

    const auto for_nancy = network.office->export_for(*network.nancy);
    require_refused(*network.rennes, for_nancy, kiosk::SyncProblem::WrongRecipient,
                    "destiné à « nancy »");

    // A device the office never registered, even one naming itself Rennes.
    test::SyncPeer stranger("rennes");
    network.add_session(stranger, "rennes", "Atelier inconnu", "2026-11-26 09:00",
                        "2026-11-26 10:00");
    require_refused(*network.office, stranger.export_for(*network.office),
                    kiosk::SyncProblem::UnknownKey, "appareil inconnu");

    // A site's bundle only ever reaches the office; a site does not accept it as office data.
    const auto from_rennes = network.rennes->export_for(*network.office);
    require_refused(*network.nancy, from_rennes, kiosk::SyncProblem::UnknownKey, "n'accepte pas");

    // Nancy's real key, but a bundle that says it comes from Rennes.
    const auto lying = resign(network.nancy->export_for(*network.office), network.nancy->key(),
                              [](nlohmann::json& payload) { payload["sender"] = "rennes"; });
    require_refused(*network.office, lying, kiosk::SyncProblem::WrongSender,
                    "se dit de « rennes »");

    const std::string text = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n";
    require_refused(*network.office, {text.begin(), text.end()}, kiosk::SyncProblem::NotABundle,
                    "n'est pas un paquet");
}

TEST_CASE("sync: a bundle from a newer schema or format is refused, naming both versions", "[sync]")
{
    SyncNetwork network;
    network.add_session(*network.office, std::nullopt, "Lancer son site Internet",
                        "2026-11-26 10:00", "2026-11-26 11:30");
    const int newer = kiosk::Store::latest_schema_version() + 1;
    const auto bundle = resign(network.office->export_for(*network.rennes), network.office->key(),
                               [&](nlohmann::json& payload) { payload["schema"] = newer; });
    require_refused(*network.rennes, bundle, kiosk::SyncProblem::NewerSchema,
                    fmt::format("schéma {}", newer));

    auto format_two = network.office->export_for(*network.rennes);
    format_two[6] = 2;
    require_refused(*network.rennes, format_two, kiosk::SyncProblem::NewerFormat, "format 2");

    const auto garbled = resign(network.office->export_for(*network.rennes), network.office->key(),
                                [](nlohmann::json& payload) { payload["changes"][0][3] = "x"; });
    require_refused(*network.rennes, garbled, kiosk::SyncProblem::Unreadable, "illisible");
}

TEST_CASE("sync: a validly signed bundle nested 50 000 deep is refused, not a crash", "[sync]")
{
    SyncNetwork network;
    const auto honest = network.office->export_for(*network.rennes);
    // The CBOR written by hand: a map whose "changes" is an array in an array… 50 000 deep
    // (writing it with the JSON library would itself go down 50 000 levels).
    std::vector<std::uint8_t> cbor{0xa1, 0x67};
    for (const char c : std::string("changes"))
        cbor.push_back(static_cast<std::uint8_t>(c));
    cbor.insert(cbor.end(), 50000, 0x81);
    cbor.push_back(0x00);
    std::vector<std::uint8_t> bytes(honest.begin(), honest.begin() + 11);
    for (int shift = 24; shift >= 0; shift -= 8)
        bytes.push_back(static_cast<std::uint8_t>(cbor.size() >> shift));
    bytes.insert(bytes.end(), cbor.begin(), cbor.end());
    const auto signature = network.office->key().sign(bytes);
    bytes.insert(bytes.end(), signature.begin(), signature.end());
    require_refused(*network.rennes, bytes, kiosk::SyncProblem::Unreadable,
                    "imbriqué sur plus de 16 niveaux");
}

TEST_CASE("sync: a site cannot send what it does not own", "[sync]")
{
    SyncNetwork network;
    const auto nancy_workshop = network.add_session(*network.nancy, "nancy", "Atelier de Nancy",
                                                    "2026-11-26 14:00", "2026-11-26 16:00");
    network.office->apply_ok(network.nancy->export_for(*network.office));
    network.add_session(*network.rennes, "rennes", "Atelier de Rennes", "2026-11-26 14:00",
                        "2026-11-26 16:00");
    const auto honest = network.rennes->export_for(*network.office);

    // Rennes renames Nancy's workshop, deletes it, or sends a national session.
    const auto renamed = resign(honest, network.rennes->key(), [&](nlohmann::json& payload) {
        auto row = payload["changes"][0];
        row[1] = nancy_workshop.value();
        row[3][0] = nancy_workshop.value();
        payload["changes"].push_back(row);
    });
    require_refused(*network.office, renamed, kiosk::SyncProblem::NotOwned,
                    "appartient à « nancy »");
    const auto deleted = resign(honest, network.rennes->key(), [&](nlohmann::json& payload) {
        payload["changes"].push_back({"sessions", nancy_workshop.value(), true, nullptr});
    });
    require_refused(*network.office, deleted, kiosk::SyncProblem::NotOwned,
                    "appartient à « nancy »");
    const auto national = resign(honest, network.rennes->key(), [&](nlohmann::json& payload) {
        payload["changes"][0][3][2] = nullptr;
    });
    require_refused(*network.office, national, kiosk::SyncProblem::NotOwned,
                    "appartient à « office »");
    network.office->apply_ok(honest);
}

TEST_CASE("sync: a replayed bundle is harmless: nothing written, not even bookkeeping", "[sync]")
{
    SyncNetwork network;
    const auto live = network.add_session(*network.office, std::nullopt, "Lancer son site Internet",
                                          "2026-11-26 10:00", "2026-11-26 11:30");
    const auto first = network.office->export_for(*network.rennes);
    network.rennes->apply_ok(first);
    REQUIRE(kiosk::SessionStore(network.office->store()).remove(live));
    network.rennes->apply_ok(network.office->export_for(*network.rennes, 1));
    CHECK(network.rennes->count("SELECT count(*) FROM sessions") == 0);

    // The old bundle comes back (a stale copy on a USB stick): the session stays deleted.
    const auto before = network.rennes->full_dump();
    const auto again = network.rennes->apply(first);
    REQUIRE(again);
    CHECK(again->outcome == kiosk::AppliedBundle::Outcome::AlreadyApplied);
    CHECK(network.rennes->full_dump() == before);
}

TEST_CASE("sync: bundles waiting for an earlier one are bounded per sender", "[sync][bad-input]")
{
    test::SyncNetwork network;
    auto& office = *network.office;
    auto& rennes = *network.rennes;
    std::vector<std::vector<std::uint8_t>> later;
    for (int i = 0; i <= kiosk::max_pending_bundles; ++i) {
        network.add_session(office, std::nullopt, "Live", "2026-11-26 10:00", "2026-11-26 11:00");
        later.push_back(office.export_for(rennes, 1)); // from change 1 on: change 1 is missing
    }
    for (int i = 0; i < kiosk::max_pending_bundles; ++i) {
        const auto kept = rennes.apply(later[static_cast<std::size_t>(i)]);
        REQUIRE(kept);
        CHECK(kept->outcome == kiosk::AppliedBundle::Outcome::KeptForLater);
    }
    require_refused(rennes, later.back(), kiosk::SyncProblem::TooManyPending,
                    "attendent déjà un paquet antérieur");
    // The gap filled, everything kept goes through.
    rennes.apply_ok(office.export_for(rennes, 0));
    CHECK(rennes.count("SELECT count(*) FROM sync_pending") == 0);
    CHECK(rennes.count("SELECT count(*) FROM sessions") == kiosk::max_pending_bundles + 1);
}

TEST_CASE("sync: a board's picture reaches the office only as a bounded PNG of its own site",
          "[sync][board]")
{
    SyncNetwork network;
    test::TempDir runtime;
    const auto now = std::chrono::system_clock::now();
    test::write_board_heartbeat(runtime.path(), getpid(), now, true, now,
                                test::png_bytes(480, 270));
    auto& rennes = network.rennes->store();
    kiosk::record_site_health(rennes, kiosk::measure_site_health(rennes, "rennes", runtime.path(),
                                                                 paris("2026-11-26 11:55"), now));
    const auto honest = network.rennes->export_for(*network.office);
    // The board_pictures row, and its values: site, taken_at, width, height, png.
    const auto with_picture = [&](const std::function<void(nlohmann::json&)>& change) {
        return resign(honest, network.rennes->key(), [&](nlohmann::json& payload) {
            for (auto& row : payload["changes"])
                if (row[0] == "board_pictures")
                    change(row);
        });
    };

    const auto not_png = with_picture([](nlohmann::json& row) {
        row[3][4] = nlohmann::json::binary({'<', 'h', 't', 'm', 'l', '>'});
    });
    require_refused(*network.office, not_png, kiosk::SyncProblem::Rejected, "la base refuse");
    const auto huge = with_picture([](nlohmann::json& row) {
        auto bytes = row[3][4].get_binary();
        bytes.resize(kiosk::largest_board_picture + 1);
        row[3][4] = nlohmann::json::binary(bytes);
    });
    require_refused(*network.office, huge, kiosk::SyncProblem::Rejected, "la base refuse");
    const auto as_text = with_picture([](nlohmann::json& row) { row[3][4] = "\x89PNG"; });
    require_refused(*network.office, as_text, kiosk::SyncProblem::Rejected, "la base refuse");
    const auto nancy = with_picture([](nlohmann::json& row) {
        row[1] = "nancy";
        row[3][0] = "nancy";
    });
    require_refused(*network.office, nancy, kiosk::SyncProblem::NotOwned,
                    "appartient à « nancy »");
    network.office->apply_ok(honest);
    CHECK(kiosk::recorded_board_picture(network.office->store(), "rennes"));
}
