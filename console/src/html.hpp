#pragma once

// Building the console's pages: every text goes through escape(), every form carries the CSRF
// token, and every page shares one frame (head, navigation, message).

#include "kiosk_console/console.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kiosk_console::html {

// Escapes & < > " for text and double-quoted attribute values (the only kind written here).
[[nodiscard]] std::string escape(std::string_view text);
// Percent-encodes a query parameter value.
[[nodiscard]] std::string url_encode(std::string_view text);

enum class Tone { Information, Success, Problem };

// A button beside a message, to undo at once what was just done (a check-in on a phone).
struct Offer {
    std::string action;                                      // where the form posts
    std::vector<std::pair<std::string, std::string>> fields; // hidden fields, beside the CSRF token
    std::string label;
};

struct Message {
    Tone tone = Tone::Information;
    std::string text; // plain text, escaped when shown
    std::optional<Offer> offer = std::nullopt;
};

struct Page {
    std::string title;
    std::string active;    // the navigation entry to highlight: "jour", "avis"…
    std::string account;   // empty on the sign-in page: no navigation then
    bool manager = false;  // shows the manager's entries
    std::string csrf;      // for the sign-out button
    Message message;       // shown above the content when not empty
    std::string body;      // HTML, already escaped
};

[[nodiscard]] std::string render(const Page& page, Place place = Place::Site);

// Where a signed-in browser lands: the day at a site, the sites' health at the office.
[[nodiscard]] std::string_view home_path(Place place);
// "<p><a href=…>Revenir à la journée</a></p>" at a site, to the sites' health at the office.
[[nodiscard]] std::string home_link(Place place, std::string_view after = "");

// <input type="hidden" name="csrf" value="…">
[[nodiscard]] std::string csrf_field(std::string_view token);

} // namespace kiosk_console::html
