#include "french_cli.hpp"

#include <fmt/format.h>

#include <regex>
#include <utility>
#include <vector>

namespace kiosk_cli {

void speak_french(CLI::App& app)
{
    app.set_help_flag("-h,--help", "affiche cette aide");
    app.fallthrough();
    app.group("Commandes"); // the heading subcommands are listed under, inherited
    auto formatter = app.get_formatter();
    formatter->label("Usage", "Utilisation");
    formatter->label("OPTIONS", "OPTIONS");
    formatter->label("SUBCOMMAND", "COMMANDE");
    formatter->label("SUBCOMMANDS", "COMMANDES");
    formatter->label("Options", "Options");
    formatter->label("Positionals", "Arguments");
    formatter->label("Subcommands", "Commandes");
    formatter->label("REQUIRED", "OBLIGATOIRE");
    formatter->label("Needs", "Demande");
    formatter->label("Excludes", "Exclut");
    formatter->label("TEXT", "TEXTE");
    formatter->label("INT", "ENTIER");
    formatter->label("UINT", "ENTIER");
    formatter->label("FLOAT", "NOMBRE");
    formatter->label("FILE", "FICHIER");
}

std::string french_message(const CLI::Error& error)
{
    // CLI11 2.1's sentences, most specific first.
    static const std::vector<std::pair<std::regex, std::string>> sentences = [] {
        std::vector<std::pair<std::regex, std::string>> rules;
        const auto rule = [&](const char* english, const char* french) {
            rules.emplace_back(std::regex(english), french);
        };
        rule(R"(^The following arguments? (?:was|were) not expected: (.*)$)",
             "argument(s) inattendu(s) : $1 (voir --help)");
        rule(R"(^A subcommand is required$)", "quelle commande ? (voir --help)");
        rule(R"(^Requires at least (\d+) subcommands$)", "il faut au moins $1 commandes");
        rule(R"(^Exactly 1 option from \[(.*)\] is required and (\d+) were given$)",
             "une seule option parmi [$1], pas $2");
        rule(R"(^Exactly 1 option from \[(.*)\] is required$)", "une option parmi [$1] est "
                                                                "demandée");
        rule(R"(^At least 1 option from \[(.*)\] is required$)",
             "au moins une option parmi [$1] est demandée");
        rule(R"(^(.+) is required$)", "$1 est obligatoire");
        rule(R"(^Could not convert: (\S+) = (.*)$)", "$1 : « $2 » n'est pas une valeur valable");
        rule(R"(^The value (.*) is not an allowed value for (.*)$)",
             "$2 : « $1 » n'est pas une valeur permise");
        rule(R"(^(.+): Value (.+) not in range (.+) to (.+)$)",
             "$1 : $2 n'est pas entre $3 et $4");
        rule(R"(^(.+): (.+) not in \{(.*)\}$)", "$1 : « $2 » n'est pas parmi $3");
        rule(R"(^(.+): Value (.+) could not be converted.*$)",
             "$1 : « $2 » n'est pas une valeur valable");
        rule(R"(^(.+): (?:File|Directory|Path) does not exist: (.+)$)",
             "$1 : $2 n'existe pas");
        rule(R"(^(.+): (\d+) required (\S+) missing$)", "$1 : il manque sa valeur");
        rule(R"(^Expected exactly (\d+) arguments? to (.+), got (\d+)$)",
             "$2 attend $1 valeur(s), pas $3");
        rule(R"(^Expected at least (\d+) arguments? to (.+), got (\d+)$)",
             "$2 attend au moins $1 valeur(s), pas $3");
        rule(R"(^(.+): too many inputs for a flag$)", "$1 ne prend pas de valeur");
        rule(R"(^(.+): Should be true/false or a number$)",
             "$1 : oui ou non (true/false, 1/0) attendu");
        rule(R"(^(.+) requires (.+)$)", "$1 demande aussi $2");
        rule(R"(^(.+) excludes (.+)$)", "$1 ne va pas avec $2");
        return rules;
    }();
    const std::string english = error.what();
    // CLI::Range prints its bounds with six decimals: 0.100000 reads 0.1.
    static const std::regex trailing_zeros(R"((\d+\.\d*?)0+\b)");
    static const std::regex bare_point(R"((\d+)\.(\s|$))");
    for (const auto& [pattern, french] : sentences)
        if (std::regex_match(english, pattern))
            return std::regex_replace(
                std::regex_replace(std::regex_replace(english, pattern, french), trailing_zeros,
                                   "$1"),
                bare_point, "$1$2");
    return "ligne de commande refusée : " + english;
}

int exit_in_french(CLI::App& app, const CLI::Error& error, const char* program, int failure)
{
    if (error.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success))
        return app.exit(error); // --help and its kin print the help
    fmt::print(stderr, "{} : {}\n", program, french_message(error));
    return failure;
}

} // namespace kiosk_cli
