#!/usr/bin/env bash
# Builds the MIME parser and reply reader alone with libFuzzer (-sanitize=fuzzer,address) into
# .build-fuzz/mail-fuzzer, without rebuilding the package: three modules and the entry point.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=.build-fuzz
mkdir -p "$out"
flags=(-O -parse-as-library -sanitize=fuzzer,address -wmo -package-name EscalationGateway)
swiftc "${flags[@]}" -module-name MailMessage -emit-module-path "$out/MailMessage.swiftmodule" \
  -c $(find Sources/MailMessage -name '*.swift' | sort) -o "$out/MailMessage.o"
swiftc "${flags[@]}" -module-name EscalationValues -emit-module-path "$out/EscalationValues.swiftmodule" \
  -c $(find Sources/EscalationValues -name '*.swift' | sort) -o "$out/EscalationValues.o"
swiftc "${flags[@]}" -module-name MailReading -emit-module-path "$out/MailReading.swiftmodule" -I "$out" \
  -I Sources/CLibXML2 -Xcc -I/usr/include/libxml2 \
  -c $(find Sources/MailReading -name '*.swift' | sort) -o "$out/MailReading.o"
swiftc "${flags[@]}" -module-name MailFuzzer -I "$out" -I Sources/CLibXML2 -Xcc -I/usr/include/libxml2 \
  Tests/fuzz/MailFuzzer.swift "$out/MailMessage.o" "$out/EscalationValues.o" "$out/MailReading.o" -lxml2 -o "$out/mail-fuzzer"
echo "$out/mail-fuzzer"
