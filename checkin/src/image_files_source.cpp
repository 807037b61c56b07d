#include "gstreamer.hpp"

#include <algorithm>

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

Frame load_image(const std::filesystem::path& path)
{
    if (!std::filesystem::is_regular_file(path))
        throw SourceError(path.string() + " : fichier introuvable");
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
