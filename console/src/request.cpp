#include "request.hpp"

#include "kiosk_console/console.hpp"

namespace kiosk_console {

const kiosk::SiteConfig* Request::config() const
{
    return options.config ? &*options.config : nullptr;
}

const std::string& Request::site() const { return options.site; }

void Request::reply(html::Page page, int status)
{
    page.account = account.name;
    page.manager = is_manager();
    page.csrf = csrf;
    if (page.message.text.empty() && flash)
        page.message = *flash;
    response.status = status;
    response.set_content(html::render(page, options.place), "text/html; charset=utf-8");
}

void Request::redirect(const std::string& location, html::Message message)
{
    keep_message(std::move(message));
    redirect(location);
}

void Request::redirect(const std::string& location)
{
    response.status = 303;
    response.set_header("Location", location);
}

} // namespace kiosk_console
