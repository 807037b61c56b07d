#pragma once

// A person registered for a session, as the sign-up platform exports them. Names, e-mail and
// note stay in the databases; a ticket's QR code carries none of them.

#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

namespace kiosk {

struct Registration {
    std::string first_name;
    std::string last_name;
    std::string email; // may be empty
    std::string note;  // for staff ("fauteuil roulant"); never shown on the public screen
};

inline constexpr std::size_t max_name_characters = 100;
inline constexpr std::size_t max_note_characters = 200;
inline constexpr std::size_t max_email_bytes = 254;

struct RegistrationProblem {
    std::string field; // "prenom", "nom", "email", "note", as the CSV columns are called
    std::string message;
};

// Names: 1 to 100 characters, UTF-8, no control characters and no emoji (the ticket's font has
// none, and a name printed as boxes is of no use at the door). E-mail: empty or one plausible
// address. Note: up to 200 characters on one line.
[[nodiscard]] std::optional<RegistrationProblem> validate(const Registration& registration);

// Who the registration is, so that issuing twice gives one ticket: "email:" and the address in
// lower case when there is one, else "nom:" and the first and last names folded (lower case,
// accents, hyphens, apostrophes and repeated spaces removed): "nom:jean pierre|lefevre".
[[nodiscard]] std::string registration_identity(const Registration& registration);

// Lower case, accents removed, spaces, hyphens and apostrophes folded into single spaces:
// "Jean-Pierre  Lefèvre" → "jean pierre lefevre".
[[nodiscard]] std::string fold_name(std::string_view name);

struct RegistrationRow {
    Registration registration;
    int line = 0;
};

struct CsvProblem {
    int line = 0;   // from 1; 0 for the whole file
    int column = 0; // the field's position in the row, from 1; 0 for the whole row
    std::string field;
    std::string message;
};

// A registrations CSV (';' or ',', UTF-8, optional BOM): a header naming the columns prenom and
// nom (required), email and note (optional) — English names and accents accepted — then one
// row per person. Other columns are ignored. Refused whole, at the first problem: a missing
// column, a row of the wrong width, an invalid field, the same person twice.
[[nodiscard]] tl::expected<std::vector<RegistrationRow>, CsvProblem>
read_registrations_csv(std::string_view text);

} // namespace kiosk
