// `attendance import-online`: a video platform's attendance report into the office database.

#include "commands.hpp"
#include "kiosk/reports/online_attendance.hpp"

#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <memory>
#include <sstream>

namespace kioskctl {
namespace {

struct ImportOptions {
    std::string session, file;
    int threshold = 0;
};

constexpr std::string_view refused = "rapport refusé, rien n'a changé : ";

std::string read_export_file(const std::string& path)
{
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    // Told before reading: a wrong file of gigabytes is not loaded to be refused.
    if (!error && size > kiosk::max_export_file_bytes)
        throw UserError(fmt::format("{}{} : fichier trop gros : {} octets, {} au plus", refused,
                                    path, size, kiosk::max_export_file_bytes));
    std::ifstream file(path, std::ios::binary);
    if (error || !file)
        throw UserError(fmt::format("{} : fichier introuvable ou illisible", path));
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

std::string where(const std::string& path, const kiosk::ExportProblem& problem)
{
    std::string place = path;
    if (problem.line > 0)
        place += fmt::format(":{}", problem.line);
    if (!problem.field.empty())
        place += fmt::format(" (colonne « {} »)", problem.field);
    return place;
}

} // namespace

void add_import_online_command(CLI::App& attendance, Context& context)
{
    auto options = std::make_shared<ImportOptions>();
    auto* command = attendance.add_subcommand(
        "import-online", "importe le rapport de présence d'une session en ligne (export CSV de "
                         "Zoom, Teams ou Meet) : minutes suivies et présents, au bureau");
    command->add_option("--session", options->session, "la session en ligne (son identifiant)")
        ->required();
    auto* threshold =
        command->add_option("--threshold", options->threshold,
                            "présent à partir de ce nombre de minutes (défaut : la moitié de la "
                            "durée de la session)");
    command->add_option("FILE", options->file, "le rapport exporté par la plateforme")->required();
    command->callback([options, threshold, &context] {
        const auto session = parse_session_id(options->session);
        if (threshold->count() > 0 && options->threshold < 1)
            throw UserError(fmt::format("--threshold {} : un nombre de minutes, au moins 1",
                                        options->threshold));
        const auto bytes = read_export_file(options->file);
        const auto report = kiosk::read_attendance_export(bytes);
        if (!report)
            throw UserError(fmt::format("{}{} : {}", refused, where(options->file, report.error()),
                                        report.error().message));
        auto store = context.open_store(kiosk::Access::ReadWrite);
        kiosk::OnlineImportOptions import_options;
        if (threshold->count() > 0)
            import_options.threshold_minutes = options->threshold;
        import_options.file_name = std::filesystem::path(options->file).filename().string();
        const auto summary = kiosk::import_online_attendance(
            store, session, bytes, *report, import_options, {context.actor(), context.now()});
        if (!summary)
            throw UserError(
                fmt::format("{}{} : {}", refused, options->file, summary.error().message));
        if (summary->effect == kiosk::ImportEffect::Unchanged) {
            fmt::print(
                "déjà importé (même fichier, même seuil) : rien n'a changé ; {} présent(s)\n",
                summary->present);
            return;
        }
        fmt::print("{} : rapport {}, {} participant(s) ; inscrits retrouvés : {} par e-mail, {} "
                   "par nom ; non inscrits : {} ; présents (au moins {} min) : {}{}\n",
                   summary->effect == kiosk::ImportEffect::Replaced
                       ? "importé, remplace l'import précédent de la session"
                       : "importé",
                   kiosk::platform_name(summary->platform), summary->participants,
                   summary->matched_by_email, summary->matched_by_name, summary->unmatched,
                   summary->threshold_minutes, summary->present,
                   summary->organisers > 0
                       ? fmt::format(" ; organisateur(s) écarté(s) : {}", summary->organisers)
                       : std::string());
    });
}

} // namespace kioskctl
