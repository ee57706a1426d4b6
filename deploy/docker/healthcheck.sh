#!/bin/bash
# The image's health check: 0 when the service's /q/health/ready answers 200. Plain bash, so that the image
# needs no curl. Port: $PHISHFENCE_HEALTH_PORT (set per image), or the first argument.
port=${1:-${PHISHFENCE_HEALTH_PORT:?}}
exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET /q/health/ready HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
read -r -t 8 _ status _ <&3 || exit 1
[[ "$status" == 200 ]]
