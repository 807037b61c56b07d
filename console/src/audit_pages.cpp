// The audit trail, for managers: every change, whoever made it (the console, kioskctl, the
// sync), newest first, told in words with the visitor and the session by name.

#include "kiosk/reports/audit_trail.hpp"
#include "views.hpp"

#include <fmt/format.h>

namespace kiosk_console {
namespace {

using html::escape;

constexpr int page_size = 100;

std::string query_string(const std::string& by, const std::optional<kiosk::SessionId>& session)
{
    std::string query;
    if (!by.empty())
        query += "&par=" + html::url_encode(by);
    if (session)
        query += "&session=" + session->to_string();
    return query;
}

void show_audit(Request& request)
{
    const int page = request.form().optional_number("page", "Page", 1, 100000).value_or(1);
    kiosk::AuditQuery query;
    query.by = request.form().optional_text("par", "Qui", 100).value_or("");
    if (const auto session = request.form().optional_text("session", "Session", 16)) {
        query.session = kiosk::SessionId::parse(*session);
        if (!query.session)
            throw FormError("session", "Session : identifiant non valide");
    }
    query.limit = page_size;
    query.offset = (page - 1) * page_size;
    const auto lines =
        kiosk::describe_audit(request.store, kiosk::find_audit_entries(request.store, query));
    std::string rows;
    for (const auto& line : lines)
        rows += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                            escape(kiosk::format_local_datetime(line.entry.at)), escape(line.who),
                            escape(line.what),
                            line.session && !line.session_title.empty()
                                ? fmt::format(R"(<a href="/journal?session={}">{}</a>)",
                                              line.session->to_string(),
                                              escape(line.session_title))
                                : std::string());
    std::string body = fmt::format(
        R"(<form method="get" action="/journal" class="filter"><label for="par">Qui</label><input id="par" name="par" value="{}" maxlength="100" autocomplete="off"><button type="submit">Filtrer</button>{}</form>
<div class="scroll"><table class="audit">
<thead><tr><th>Quand</th><th>Qui</th><th>Ce qui a été fait</th><th>Session</th></tr></thead>
<tbody>
{}</tbody>
</table></div>
)",
        escape(query.by),
        query.by.empty() && !query.session ? "" : R"( <a href="/journal">Tout le journal</a>)",
        rows.empty() ? "<tr><td colspan=\"4\">Aucune modification.</td></tr>\n" : rows);
    if (static_cast<int>(lines.size()) == page_size)
        body += fmt::format(R"(<p><a href="/journal?page={}{}">Plus ancien →</a></p>)", page + 1,
                            escape(query_string(query.by, query.session)));
    request.reply({"Journal des modifications", "journal", "", false, "", {}, body});
}

} // namespace

void add_audit_pages(Routes& routes) { routes.get("/journal", Access::Manager, show_audit); }

} // namespace kiosk_console
