"""What the test suite and `make bench` share: the bench's own dockerd, a dashboard started
as `make run` starts it, Redis and PostgreSQL servers, a counting socket proxy, two hosts in
network namespaces, synthetic maps and Chromium's set-up. Outside dashboard/, so it never
goes into the image (the Dockerfile copies dashboard/, templates/ and static/ alone); the
helpers only the tests use stay in tests/harness."""
