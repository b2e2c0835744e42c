#!/usr/bin/env bash
# Rewrites the golden mails (Tests/GatewayTests/MailLayout/Golden/*.eml) from the templates
# after an intended change; review them with `git diff` and .build/mail-preview/preview.html.
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build --build-tests
EG_UPDATE_GOLDEN=1 swift test --skip-build --filter TemplateGoldenTests/everyTemplateMatchesItsGoldenMail
