// Uploading the team calendar (.ics) or a table (.csv): always a dry run first, showing what
// would change; the import itself is the core's all-or-nothing one, the same as the command
// line's. The upload waits in memory between the two steps, for its uploader only.

#include "kiosk/schedule/schedule_import.hpp"
#include "views.hpp"

#include <fmt/format.h>
#include <mutex>
#include <sodium.h>

namespace kiosk_console {
namespace {

using html::escape;

constexpr std::size_t largest_calendar = 4 * 1024 * 1024;
constexpr auto pending_lifetime = std::chrono::minutes{30};

struct PendingUpload {
    std::string account;
    std::string file_name;
    std::string content;
    kiosk::Instant uploaded;
};

std::mutex pending_mutex;
std::map<std::string, PendingUpload> pending; // by a random token

std::string random_key()
{
    unsigned char bytes[16];
    randombytes_buf(bytes, sizeof bytes);
    char text[sizeof bytes * 2 + 1];
    sodium_bin2hex(text, sizeof text, bytes, sizeof bytes);
    return text;
}

kiosk::ImportOptions import_options(const Request& request, kiosk::ImportMode mode)
{
    kiosk::ImportOptions options;
    options.site = request.site();
    const kiosk::Day from = kiosk::local_day(request.now);
    const kiosk::Day to{date::sys_days{from} + date::days{60}};
    options.range_begin = kiosk::local_day_range(from).begin;
    options.range_end = kiosk::local_day_range(to).end;
    if (request.config() && request.config()->site_id == options.site)
        options.room_capacity = request.config()->room_capacity;
    options.mode = mode;
    return options;
}

std::string entries(const std::string& heading, const std::vector<kiosk::ImportEntry>& list)
{
    if (list.empty())
        return {};
    std::string out = fmt::format("<h2>{} ({})</h2>\n<ul>\n", heading, list.size());
    for (const auto& entry : list) {
        out += "<li>";
        if (entry.start)
            out += escape(kiosk::format_local_datetime(*entry.start)) + " ";
        out += escape(entry.title.empty() ? "(sans titre)" : entry.title);
        if (!entry.room.empty())
            out += " — " + escape(entry.room);
        if (entry.line > 0)
            out += fmt::format(" [ligne {}]", entry.line);
        if (!entry.reason.empty())
            out += " : " + escape(entry.reason);
        out += "</li>\n";
    }
    return out + "</ul>\n";
}

std::string report_body(const kiosk::ImportReport& report)
{
    std::string body =
        fmt::format("<p>{} : du {} au {}. {} inchangée(s), {}{} hors de la période.</p>\n",
                    escape(report.file), kiosk::french_day(kiosk::local_day(report.range_begin)),
                    kiosk::french_day(kiosk::local_day(report.range_end - std::chrono::seconds{1})),
                    report.unchanged, report.outside_range.at_least ? "au moins " : "",
                    report.outside_range.occurrences);
    body += entries("Ajoutées", report.added) + entries("Mises à jour", report.updated) +
            entries("Annulées", report.cancelled) + entries("Supprimées", report.removed) +
            entries("Ignorées", report.skipped);
    return body;
}

void show_upload(Request& request)
{
    const std::string body = fmt::format(
        R"(<p>Un agenda (.ics) ou un tableau (.csv) des sessions du site. Vous verrez d'abord ce qui changerait ; rien n'est importé avant votre confirmation.</p>
<form method="post" action="/import" enctype="multipart/form-data" class="card">{}
<label for="file">Fichier</label><input id="file" name="file" type="file" accept=".ics,.csv,text/calendar,text/csv" required>
<button type="submit">Vérifier</button>
</form>)",
        html::csrf_field(request.csrf));
    request.reply({"Importer le programme", "import", "", false, "", {}, body});
}

void refuse_import(Request& request, const std::string& message)
{
    request.reply({"Import refusé", "import", "", false, "",
                   {html::Tone::Problem, message + " Rien n'a changé."},
                   R"(<p><a href="/import">Choisir un autre fichier</a></p>)"},
                  422);
}

void check_upload(Request& request)
{
    if (!request.http.has_file("file") || request.http.get_file_value("file").content.empty())
        throw FormError("file", "Fichier : aucun fichier reçu");
    const auto file = request.http.get_file_value("file");
    if (file.content.size() > largest_calendar)
        throw FormError("file", fmt::format("Fichier : trop gros ({} octets, au plus {})",
                                            file.content.size(), largest_calendar));
    const std::string name =
        file.filename.empty() ? "agenda" : std::filesystem::path(file.filename).filename().string();
    const auto report = kiosk::import_schedule_text(
        request.store, file.content, name, import_options(request, kiosk::ImportMode::DryRun),
        request.now);
    if (!report)
        return refuse_import(request, report.error().to_string());
    const std::string key = random_key();
    {
        const std::lock_guard lock(pending_mutex);
        std::erase_if(pending, [&](const auto& entry) {
            return entry.second.uploaded + pending_lifetime < request.now ||
                   entry.second.account == request.account.name;
        });
        pending[key] = {request.account.name, name, file.content, request.now};
    }
    std::string body = report_body(*report);
    body += fmt::format(
        R"(<form method="post" action="/import/confirmer" class="card">{}<input type="hidden" name="upload" value="{}"><button type="submit">Importer</button> <a href="/import">Abandonner</a></form>)",
        html::csrf_field(request.csrf), key);
    request.reply({"Vérification de l'import", "import", "",
                   false, "",
                   {html::Tone::Information, "Simulation : rien n'a encore changé."}, body});
}

void confirm_upload(Request& request)
{
    const std::string key = request.form().text("upload", "Envoi", 64);
    PendingUpload upload;
    {
        const std::lock_guard lock(pending_mutex);
        const auto found = pending.find(key);
        if (found == pending.end() || found->second.account != request.account.name ||
            found->second.uploaded + pending_lifetime < request.now)
            return refuse_import(request, "Cet envoi a expiré : choisissez le fichier à nouveau.");
        upload = std::move(found->second);
        pending.erase(found);
    }
    auto options = import_options(request, kiosk::ImportMode::Apply);
    options.by = request.account.name;
    const auto report = kiosk::import_schedule_text(request.store, upload.content,
                                                    upload.file_name, options, request.now);
    if (!report)
        return refuse_import(request, report.error().to_string());
    request.reply({"Programme importé", "import", "", false, "",
                   {html::Tone::Success, "Import fait."}, report_body(*report)});
}

} // namespace

void add_import_pages(Routes& routes)
{
    routes.get("/import", Access::Staff, show_upload);
    routes.post("/import", Access::Staff, check_upload);
    routes.post("/import/confirmer", Access::Staff, confirm_upload);
}

} // namespace kiosk_console
