// PLACEHOLDER: replaced by the real loader.
#include "sources/loaders.h"

namespace embargo::internal {

Result<EntityList> LoadUnXml(const std::string& path) {
  return Status::Unsupported(path + ": the un_xml loader is not written yet");
}

}  // namespace embargo::internal
