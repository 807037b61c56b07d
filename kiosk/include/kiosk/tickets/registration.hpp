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
// Every problem of the registration, field by field in the order validate() checks them.
[[nodiscard]] std::vector<RegistrationProblem> problems_of(const Registration& registration);

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
    std::string session; // the row's session column, as written; empty without one
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

// What one registrations file may hold: a month of a whole network's registrations fits well
// within, and a file past them is a mistake (a wrong export, a binary file) refused early.
inline constexpr std::size_t max_registrations_file_bytes = 8 * 1024 * 1024;
inline constexpr std::size_t max_registrations_rows = 20'000;
inline constexpr std::size_t max_registrations_field_bytes = 1'000;

// A registrations file read whole, for many sessions: besides the columns above, an optional
// `session` column (also `session_id`, `id session`, `uid`, `séance`) names each row's session
// by its id or its calendar UID. Reading goes on past a problem, so that every problem of the
// file is told at once; the rows kept are those without any.
struct RegistrationSheet {
    std::vector<RegistrationRow> rows;
    std::vector<CsvProblem> problems; // in the order of the file
    int session_column = 0;           // from 1; 0 when the file has none
};

// The checks of read_registrations_csv() plus the bounds above (file size, rows, each field's
// length); the same person twice is looked for among the rows naming the same session text.
[[nodiscard]] RegistrationSheet read_registration_sheet(std::string_view text);

} // namespace kiosk
