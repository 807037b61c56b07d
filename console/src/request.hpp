#pragma once

// What every page handler receives: the signed-in account, a database opened for this request,
// the clock, and the form with its limits.

#include "html.hpp"
#include "kiosk/base/time.hpp"
#include "kiosk/config/config.hpp"
#include "kiosk/staff/staff.hpp"
#include "kiosk/store/store.hpp"

#include <functional>
#include <httplib.h>
#include <optional>
#include <stdexcept>
#include <string>

namespace kiosk_console {

struct ConsoleOptions;

// A field that is missing, too long or malformed: the page answers 400 naming the field.
class FormError : public std::runtime_error {
public:
    FormError(std::string field, const std::string& message)
        : std::runtime_error(message), field_(std::move(field))
    {
    }
    [[nodiscard]] const std::string& field() const { return field_; }

private:
    std::string field_;
};

// Reads posted fields and query parameters, refusing what no honest form sends.
class Form {
public:
    explicit Form(const httplib::Request& request) : request_(request) {}

    // `label` names the field in messages, in French.
    [[nodiscard]] std::string text(const std::string& name, const std::string& label,
                                   std::size_t longest = 200) const;
    [[nodiscard]] std::optional<std::string> optional_text(const std::string& name,
                                                           const std::string& label,
                                                           std::size_t longest = 200) const;
    [[nodiscard]] int number(const std::string& name, const std::string& label, int lowest,
                             int highest) const;
    [[nodiscard]] std::optional<int> optional_number(const std::string& name,
                                                     const std::string& label, int lowest,
                                                     int highest) const;

private:
    const httplib::Request& request_;
};

struct Request {
    const httplib::Request& http;
    httplib::Response& response;
    const ConsoleOptions& options;
    kiosk::StaffAccount account;
    std::string csrf;
    kiosk::Store& store;
    kiosk::Instant now;
    std::optional<html::Message> flash; // what the previous action said

    [[nodiscard]] Form form() const { return Form(http); }
    [[nodiscard]] const kiosk::SiteConfig* config() const;
    [[nodiscard]] const std::string& site() const;
    [[nodiscard]] bool is_manager() const { return account.role == kiosk::StaffRole::Manager; }

    // Sends `page` in the common frame, with this request's account and message.
    void reply(html::Page page, int status = 200);
    // After a successful change: back to `location`, where `message` is shown once.
    void redirect(const std::string& location, html::Message message);
    void redirect(const std::string& location);

    // Set by the server: keeps a message for this browser's next page.
    std::function<void(html::Message)> keep_message;
};

using Handler = std::function<void(Request&)>;

// Who may use a route.
enum class Access { Staff, Manager };

// Registration of a group of pages on the server.
class Routes {
public:
    virtual ~Routes() = default;
    virtual void get(const std::string& pattern, Access access, Handler handler) = 0;
    virtual void post(const std::string& pattern, Access access, Handler handler) = 0;
};

void add_day_pages(Routes& routes);
void add_session_pages(Routes& routes);
void add_visitor_pages(Routes& routes);
void add_import_pages(Routes& routes);
void add_notice_pages(Routes& routes);
void add_audit_pages(Routes& routes);
void add_attendance_pages(Routes& routes);
void add_health_pages(Routes& routes);

} // namespace kiosk_console
