// Issuing one ticket through kioskctl: the payload printed, the PNG read back by the camera's
// decoder (ZXing) and by an independent one (zbarimg), the PDF and SVG rasterised and read
// again, then the check-in rules applied to the image. kioskctl runs without DISPLAY.

#include "build_paths.hpp"
#include "kiosk_checkin/decoder.hpp"
#include "kiosk_checkin/frame_source.hpp"
#include "kiosk_print/canvas.hpp"
#include "kiosk_print/output_file.hpp"
#include "ticket_office.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>

using test::TicketOffice;
using test::trimmed;

namespace {

std::string zbar(const std::filesystem::path& image)
{
    const auto result = test::run_process({"zbarimg", "-q", "--raw", image.string()});
    INFO("zbarimg stderr: " << result.err);
    REQUIRE(result.exit_code == 0);
    return trimmed(result.out);
}

std::string tool_output(const std::vector<std::string>& arguments)
{
    const auto result = test::run_process(arguments);
    INFO(arguments.front() << " stderr: " << result.err);
    REQUIRE(result.exit_code == 0);
    return result.out;
}

} // namespace

TEST_CASE("kioskctl ticket issue: the PNG reads the same with ZXing and zbarimg, and admits",
          "[kioskctl][tickets][print]")
{
    TicketOffice office;
    const auto png = office.kioskctl.dir() / "helene.png";
    const auto payload = office.issue("Hélène", "Lefèvre",
                                      {"--email", "helene@example.fr", "--note",
                                       "fauteuil roulant", "--png", png.string()});
    CHECK(payload.starts_with("AT:"));
    CHECK(payload.size() == 135);

    CHECK(zbar(png) == payload);

    const auto frame = kiosk::checkin::load_image(png);
    const auto codes = kiosk::checkin::read_codes(frame.view());
    REQUIRE(codes.size() == 1);
    CHECK(codes.front().text == payload);
    // Version 6: 41 modules a side. At least 8 pixels each, and 4 modules of white around.
    const double side = std::sqrt(codes.front().area);
    const double module = side / 41;
    CHECK(module >= 8);
    const auto& view = frame.view();
    const int inner = static_cast<int>(side / 2 + module);
    const int outer = static_cast<int>(side / 2 + 3.5 * module);
    const int cx = static_cast<int>(codes.front().center_x);
    const int cy = static_cast<int>(codes.front().center_y);
    REQUIRE(cx - outer >= 0);
    REQUIRE(cy - outer >= 0);
    int dark_in_quiet_zone = 0;
    for (int y = cy - outer; y <= cy + outer; ++y)
        for (int x = cx - outer; x <= cx + outer; ++x)
            if ((std::abs(x - cx) > inner || std::abs(y - cy) > inner) && view.at(x, y) < 128)
                ++dark_in_quiet_zone;
    CHECK(dark_in_quiet_zone == 0);

    const auto admitted = office.checkin("2026-11-26 14:10", {"--image", png.string(), "--json"});
    INFO(admitted.err);
    CHECK(admitted.exit_code == 0);
    const auto decision = nlohmann::json::parse(admitted.out);
    CHECK(decision.at("verdict") == "accepted");
    const auto again = office.checkin("2026-11-26 14:12", {"--image", png.string()});
    CHECK(again.exit_code == 1);
    CHECK(again.out.find("Déjà enregistré à 14 h 10") != std::string::npos);

    // The registration is stored; the QR code holds none of it.
    const auto list = office.kioskctl.ok({"ticket", "list", "--session", office.session});
    CHECK(list.find("Hélène Lefèvre <helene@example.fr> — fauteuil roulant") != std::string::npos);
    CHECK(list.find("entré à 14 h 10") != std::string::npos);
    CHECK(payload.find("HELENE") == std::string::npos);
}

TEST_CASE("kioskctl ticket issue: a one-page A6 PDF with the session in French, and an SVG",
          "[kioskctl][tickets][print]")
{
    TicketOffice office;
    const auto pdf = office.kioskctl.dir() / "billet.pdf";
    const auto svg = office.kioskctl.dir() / "billet.svg";
    const auto payload = office.issue("Zoé", "Garnier",
                                      {"--pdf", pdf.string(), "--svg", svg.string()});

    const auto info = tool_output({"pdfinfo", pdf.string()});
    REQUIRE(info.find("Pages:") != std::string::npos);
    CHECK(std::stoi(info.substr(info.find("Pages:") + 6)) == 1);
    CHECK(info.find("297.64 x 419.53 pts") != std::string::npos);
    const auto text = tool_output({"pdftotext", "-enc", "UTF-8", pdf.string(), "-"});
    for (const std::string expected :
         {"jeudi 26 novembre 2026", "14 h 30 – 16 h 30", "Saint-Étienne", "Salle Éole",
          "Pour Zoé", "Présentez ce QR code à l'entrée"})
        CHECK(text.find(expected) != std::string::npos);
    CHECK(text.find("Garnier") == std::string::npos); // the first name is enough on paper
    const auto fonts = tool_output({"pdffonts", pdf.string()});
    CHECK(fonts.find("NotoSans-Regular") != std::string::npos);
    CHECK(fonts.find("NotoSans-Bold") != std::string::npos);

    const auto raster = office.kioskctl.dir() / "pdf";
    tool_output({"pdftoppm", "-r", "150", "-png", "-singlefile", pdf.string(), raster.string()});
    CHECK(zbar(raster.string() + ".png") == payload);

    CHECK(test::read_file(svg.string()).find("<svg") != std::string::npos);
    const auto svg_raster = office.kioskctl.dir() / "svg.png";
    tool_output({"rsvg-convert", "-o", svg_raster.string(), svg.string()});
    CHECK(zbar(svg_raster) == payload);

    SECTION("or an A4 page with cut marks")
    {
        const auto a4 = office.kioskctl.dir() / "a4.pdf";
        // Issued already: the same ticket again, printed on another paper.
        CHECK(office.issue("Zoé", "Garnier", {"--pdf", a4.string(), "--paper", "a4"}) ==
              payload);
        CHECK(tool_output({"pdfinfo", a4.string()}).find("x 841.89 pts (A4)") !=
              std::string::npos);
    }
}

TEST_CASE("kioskctl ticket issue: once per person, a revoked ticket refused, then replaced",
          "[kioskctl][tickets]")
{
    TicketOffice office;
    const auto issued = nlohmann::json::parse(office.issue("Jean-Pierre", "Lefèvre", {"--json"}));
    const auto first = issued.at("payload").get<std::string>();
    const auto ticket = issued.at("ticket").get<std::string>();
    CHECK(issued.at("already_issued") == false);
    const auto again = office.kioskctl({"ticket", "issue", "--session", office.session,
                                        "--first-name", "jean pierre", "--last-name", "LEFÈVRE",
                                        "--key", office.key_file});
    REQUIRE(again.exit_code == 0);
    CHECK(trimmed(again.out) == first);
    CHECK(again.err.find("a déjà le billet " + ticket) != std::string::npos);

    office.kioskctl.ok({"ticket", "revoke", ticket});
    const auto refused = office.checkin("2026-11-26 14:05", {first, "--json"});
    CHECK(refused.exit_code == 1);
    CHECK(nlohmann::json::parse(refused.out).at("verdict") == "revoked");

    // A lost ticket: revoked, then a new one for the same person.
    const auto replacement = office.issue("Jean-Pierre", "Lefèvre");
    CHECK(replacement != first);
    CHECK(office.checkin("2026-11-26 14:06", {replacement}).exit_code == 0);
    const auto list = office.kioskctl.ok({"ticket", "list", "--session", office.session});
    CHECK(list.find("révoqué") != std::string::npos);
    CHECK(list.find("2 billets") != std::string::npos);
}

TEST_CASE("kioskctl ticket issue: bad input is refused, naming it, and writes nothing",
          "[kioskctl][tickets]")
{
    TicketOffice office;
    const auto blocker = office.kioskctl.dir() / "not-a-directory";
    kiosk_print::write_file_atomically(blocker, "x");
    struct Case {
        std::vector<std::string> arguments;
        std::string message;
    };
    const std::string long_name(200, 'a');
    const std::vector<Case> cases{
        {{"--session", "0123456789abcdef", "--first-name", "Léa", "--last-name", "Roux"},
         "aucune session 0123456789abcdef"},
        {{"--session", office.session, "--first-name", "Léa", "--last-name", "Roux", "--email",
          "lea@"},
         "--email : adresse e-mail invalide « lea@ »"},
        {{"--session", office.session, "--first-name", long_name, "--last-name", "Roux"},
         "--first-name : prénom trop long : 200 caractères, 100 au plus"},
        {{"--session", office.session, "--first-name", "Léa 🎉", "--last-name", "Roux"},
         "émoji ou pictogramme refusé (U+1F389)"},
        {{"--session", office.session, "--first-name", "Léa", "--last-name", "Roux", "--png",
          (blocker / "lea.png").string()},
         "not-a-directory"},
    };
    const auto before = office.kioskctl.snapshot();
    for (const auto& c : cases) {
        std::vector<std::string> arguments{"ticket", "issue", "--key", office.key_file};
        arguments.insert(arguments.end(), c.arguments.begin(), c.arguments.end());
        const auto result = office.kioskctl(arguments);
        INFO(c.message << " → " << result.err);
        CHECK(result.exit_code == 2);
        CHECK(result.err.find(c.message) != std::string::npos);
    }
    const auto no_key = office.kioskctl({"ticket", "issue", "--session", office.session,
                                         "--first-name", "Léa", "--last-name", "Roux", "--key",
                                         (office.kioskctl.dir() / "absent.key").string()});
    CHECK(no_key.exit_code == 2);
    CHECK(no_key.err.find("absent.key") != std::string::npos);
    CHECK(office.kioskctl.snapshot() == before);
}

TEST_CASE("kioskctl checkin --image: an image without a code is a clear error",
          "[kioskctl][checkin]")
{
    TicketOffice office;
    const auto fonts = kiosk_print::Fonts::load(test::source_dir() + "/assets/fonts");
    kiosk_print::Canvas canvas(kiosk_print::Format::Png, {400, 200}, fonts);
    canvas.text({20, 80}, "Pas de QR code ici", {24});
    const auto blank = office.kioskctl.dir() / "blank.png";
    kiosk_print::write_file_atomically(blank, canvas.finish());
    const auto before = office.kioskctl.snapshot();
    const auto result = office.checkin("2026-11-26 14:10", {"--image", blank.string()});
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("blank.png : aucun QR code lisible") != std::string::npos);
    const auto missing = office.checkin("2026-11-26 14:10", {"--image", "absent.png"});
    CHECK(missing.exit_code == 2);
    CHECK(missing.err.find("absent.png") != std::string::npos);
    CHECK(office.kioskctl.snapshot() == before);
}

TEST_CASE("more tickets than seats are refused unless asked, and the list shows tickets / seats",
          "[kioskctl][tickets]")
{
    test::Kioskctl kioskctl;
    kioskctl.ok({"init"});
    const auto key = (kioskctl.dir() / "cle.key").string();
    kioskctl.ok({"keys", "generate", "--out", key});
    const auto id = test::trimmed(kioskctl.ok(
        {"session", "add", "--site", "nancy", "--kind", "atelier", "--title", "Tableurs",
         "--start", "2026-11-26 14:00", "--end", "16:00", "--room", "Salle A", "--capacity", "2"}));
    const auto issue = [&](const std::string& first, std::vector<std::string> more = {}) {
        std::vector<std::string> arguments{"ticket",       "issue", "--session", id,
                                           "--first-name", first,   "--last-name", "Martin",
                                           "--key",        key};
        arguments.insert(arguments.end(), more.begin(), more.end());
        return kioskctl(arguments);
    };
    REQUIRE(issue("Awa").exit_code == 0);
    REQUIRE(issue("Bastien").exit_code == 0);
    // The same person again is not one more seat.
    CHECK(issue("Awa").exit_code == 0);

    const auto before = kioskctl.snapshot();
    const auto refused = issue("Chloé");
    CHECK(refused.exit_code == 2);
    CHECK_THAT(refused.err, Catch::Contains("« Tableurs » a 2 places et 2 billets valables : 1 de "
                                            "plus la dépasseraient de 1") &&
                                Catch::Contains("--over-capacity"));
    CHECK(kioskctl.snapshot() == before);

    const auto asked = issue("Chloé", {"--over-capacity"});
    CHECK(asked.exit_code == 0);
    CHECK_THAT(asked.err, Catch::Contains("« Tableurs » a 3 billets valables pour 2 places : 1 de "
                                          "plus que de places"));
    CHECK_THAT(kioskctl.ok({"session", "list", "--site", "nancy", "--date", "2026-11-26"}),
               Catch::Contains("Salle A (3/2 billets)"));
    CHECK(kioskctl.day("nancy", "2026-11-26")["sessions"][0]["tickets"] == 3);

    // A batch is refused whole the same way.
    const auto csv = (kioskctl.dir() / "inscrits.csv").string();
    std::ofstream(csv) << "prenom,nom,email,note\nDavid,Morel,,\n";
    const auto snapshot = kioskctl.snapshot();
    const auto batch = kioskctl({"ticket", "issue-batch", "--session", id, "--csv", csv, "--key",
                                 key, "--out-dir", (kioskctl.dir() / "billets").string()});
    CHECK(batch.exit_code == 2);
    CHECK_THAT(batch.err, Catch::Contains("lot refusé, rien n'a changé") &&
                              Catch::Contains("dépasseraient de 2"));
    CHECK(kioskctl.snapshot() == snapshot);
}
