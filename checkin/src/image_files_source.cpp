#include "gstreamer.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fstream>
#include <optional>
#include <string_view>
#include <vector>

namespace kiosk::checkin {
namespace {

bool is_image(const std::filesystem::path& path)
{
    std::string extension = path.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return extension == ".png" || extension == ".jpg" || extension == ".jpeg" ||
           extension == ".bmp" || extension == ".gif";
}

std::vector<std::filesystem::path> expand(const std::vector<std::filesystem::path>& paths)
{
    std::vector<std::filesystem::path> files;
    for (const auto& path : paths) {
        if (std::filesystem::is_directory(path)) {
            std::vector<std::filesystem::path> found;
            for (const auto& entry : std::filesystem::directory_iterator(path))
                if (entry.is_regular_file() && is_image(entry.path()))
                    found.push_back(entry.path());
            std::sort(found.begin(), found.end());
            files.insert(files.end(), found.begin(), found.end());
        } else {
            files.push_back(path);
        }
    }
    return files;
}

class ImageFilesSource final : public FrameSource {
public:
    ImageFilesSource(std::vector<std::filesystem::path> paths, Repeat repeat)
        : paths_(std::move(paths))
        , repeat_(repeat)
    {
    }

    void start() override
    {
        files_ = expand(paths_);
        if (files_.empty())
            throw SourceError("aucune image à lire");
        next_ = 0;
    }

    void stop() override { files_.clear(); }

    PullResult pull(std::chrono::milliseconds) override
    {
        if (next_ >= files_.size()) {
            if (repeat_ == Repeat::No || files_.empty())
                return {PullResult::Kind::EndOfStream, std::nullopt, {}};
            next_ = 0;
        }
        const auto& file = files_[next_++];
        try {
            return {PullResult::Kind::Frame, load_image(file), {}};
        } catch (const SourceError& error) {
            return {PullResult::Kind::Error, std::nullopt, error.what()};
        }
    }

    std::string describe() const override { return "images (" + std::to_string(paths_.size()) + ")"; }

private:
    std::vector<std::filesystem::path> paths_;
    std::vector<std::filesystem::path> files_;
    std::size_t next_ = 0;
    Repeat repeat_;
};

} // namespace

std::unique_ptr<FrameSource> make_image_files_source(const std::vector<std::filesystem::path>& paths,
                                                     Repeat repeat)
{
    return std::make_unique<ImageFilesSource>(paths, repeat);
}

namespace {

struct PictureSize {
    std::uint64_t width = 0, height = 0;
};

std::uint32_t big_endian(const unsigned char* bytes, int count)
{
    std::uint32_t value = 0;
    for (int i = 0; i < count; ++i)
        value = (value << 8) | bytes[i];
    return value;
}

// The size a PNG (IHDR) or a JPEG (its SOF segment) says it has, from at most the first
// megabyte; none for anything else.
std::optional<PictureSize> size_in_header(const std::filesystem::path& path)
{
    std::ifstream file(path, std::ios::binary);
    std::vector<unsigned char> head(1024 * 1024);
    file.read(reinterpret_cast<char*>(head.data()), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(file.gcount()));
    static constexpr unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (head.size() >= 24 && std::equal(std::begin(png), std::end(png), head.begin()) &&
        std::string_view(reinterpret_cast<const char*>(&head[12]), 4) == "IHDR")
        return PictureSize{big_endian(&head[16], 4), big_endian(&head[20], 4)};
    if (head.size() < 4 || head[0] != 0xff || head[1] != 0xd8)
        return std::nullopt;
    for (std::size_t at = 2; at + 9 < head.size();) {
        if (head[at] != 0xff)
            return std::nullopt;
        const unsigned char marker = head[at + 1];
        const std::size_t length = big_endian(&head[at + 2], 2);
        // Start of frame: SOF0 to SOF15, less DHT (C4), JPG (C8) and DAC (CC).
        if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 &&
            marker != 0xcc)
            return PictureSize{big_endian(&head[at + 7], 2), big_endian(&head[at + 5], 2)};
        if (length < 2)
            return std::nullopt;
        at += 2 + length;
    }
    return std::nullopt;
}

} // namespace

Frame load_image(const std::filesystem::path& path)
{
    if (!std::filesystem::is_regular_file(path))
        throw SourceError(path.string() + " : fichier introuvable");
    const auto size = size_in_header(path);
    if (!size)
        throw SourceError(path.string() + " : image illisible (ni PNG ni JPEG)");
    if (size->width * size->height > most_image_pixels)
        throw SourceError(path.string() +
                          fmt::format(" : image trop grande ({} × {} pixels, au plus {} "
                                      "millions) : refusée avant d'être décodée",
                                      size->width, size->height, most_image_pixels / 1000000));
    gstreamer::Pipeline pipeline(std::string("filesrc name=kiosk_file ! decodebin") +
                                 gstreamer::grey_sink_tail);
    GstElement* file = pipeline.element("kiosk_file");
    g_object_set(file, "location", path.c_str(), nullptr);
    gst_object_unref(file);
    // A still image prerolls: its single frame waits in the sink without playing.
    try {
        pipeline.pause();
    } catch (const SourceError& error) {
        throw SourceError(path.string() + " : image illisible (" + error.what() + ")");
    }
    auto result = pipeline.pull(std::chrono::seconds(5), true);
    if (result.kind != PullResult::Kind::Frame)
        throw SourceError(path.string() + " : image illisible" +
                          (result.message.empty() ? "" : " (" + result.message + ")"));
    return std::move(*result.frame);
}

} // namespace kiosk::checkin
