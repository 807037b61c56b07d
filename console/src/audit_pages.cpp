// The audit trail, for managers: every change made through the console, newest first.

#include "kiosk/store/audit.hpp"
#include "views.hpp"

#include <fmt/format.h>

namespace kiosk_console {
namespace {

using html::escape;

constexpr int page_size = 100;

void show_audit(Request& request)
{
    const int page = request.form().optional_number("page", "Page", 1, 100000).value_or(1);
    const auto entries = kiosk::audit_entries(request.store, page_size, (page - 1) * page_size);
    std::string rows;
    for (const auto& entry : entries)
        rows += fmt::format(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td>"
            "<td><code>{}</code></td></tr>\n",
            escape(kiosk::format_local_datetime(entry.at)), escape(entry.actor),
            escape(entry.action), escape(entry.target), escape(entry.before),
            escape(entry.after));
    std::string body = fmt::format(
        R"(<div class="scroll"><table class="audit">
<thead><tr><th>Quand</th><th>Qui</th><th>Quoi</th><th>Sur</th><th>Avant</th><th>Après</th></tr></thead>
<tbody>
{}</tbody>
</table></div>
)",
        rows.empty() ? "<tr><td colspan=\"6\">Aucune modification.</td></tr>\n" : rows);
    if (static_cast<int>(entries.size()) == page_size)
        body += fmt::format(R"(<p><a href="/journal?page={}">Plus ancien →</a></p>)", page + 1);
    request.reply({"Journal des modifications", "journal", "", false, "", {}, body});
}

} // namespace

void add_audit_pages(Routes& routes) { routes.get("/journal", Access::Manager, show_audit); }

} // namespace kiosk_console
