// PLACEHOLDER: replaced by the real loader.
#include "sources/loaders.h"

namespace embargo::internal {

Result<EntityList> LoadCaXml(const std::string& path) {
  return Status::Unsupported(path + ": the ca_xml loader is not written yet");
}

}  // namespace embargo::internal
