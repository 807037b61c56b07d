#include "open_files.hpp"

#include "context.hpp"

#include <fstream>
#include <unistd.h>

namespace kioskctl {

std::filesystem::path database_option(CLI::App& app)
{
    auto* option = app.get_option("--db");
    if (option->empty())
        throw UserError("aucune base indiquée : utilisez --db FICHIER ou la variable KIOSK_DB");
    return option->as<std::string>();
}

std::string processes_using(const std::filesystem::path& file)
{
    std::error_code error;
    const auto target = std::filesystem::weakly_canonical(file, error);
    const auto wal = std::filesystem::path(target.string() + "-wal");
    const auto self = std::to_string(::getpid());
    std::string found;
    for (const auto& process : std::filesystem::directory_iterator("/proc", error)) {
        const auto pid = process.path().filename().string();
        if (pid.find_first_not_of("0123456789") != std::string::npos || pid == self)
            continue;
        std::error_code unreadable;
        for (const auto& descriptor :
             std::filesystem::directory_iterator(process.path() / "fd", unreadable)) {
            std::error_code gone;
            const auto opened = std::filesystem::read_symlink(descriptor.path(), gone);
            if (gone || (opened != target && opened != wal))
                continue;
            std::string name;
            std::getline(std::ifstream(process.path() / "comm"), name);
            found += (found.empty() ? "" : ", ") + name + " (" + pid + ")";
            break;
        }
    }
    return found;
}

} // namespace kioskctl
