// PLACEHOLDER: replaced by the real loader.
#include "sources/loaders.h"

namespace embargo::internal {

Result<EntityList> LoadOfacXml(const std::string& path) {
  return Status::Unsupported(path + ": the ofac_xml loader is not written yet");
}

}  // namespace embargo::internal
