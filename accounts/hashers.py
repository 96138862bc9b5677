"""Password hashing at OWASP's Argon2id parameters."""

from django.contrib.auth.hashers import Argon2PasswordHasher


class OwaspArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id with 19 MiB, 2 passes, 1 lane (OWASP Password Storage Cheat Sheet).

    About 40 ms of CPU per check, against ~8x more for Django's default (100 MiB,
    p=8), which would cap logins at a few per second on a 2-core server. Hashes
    made with other parameters are re-hashed at the next successful login
    (`must_update`), so parameters can change without a migration.
    """

    algorithm = "argon2"
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
