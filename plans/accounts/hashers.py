"""The password hash: Argon2id with OWASP's recommended parameters (19 MiB of memory, two passes,
one lane). Django's own Argon2 parameters (100 MiB, eight lanes) cost as much CPU as the PBKDF2
they replace, about 0.2 s a sign-in on two cores; these cost about 20 ms, so that a burst of
sign-ins leaves room for the other requests, while each guess still needs 19 MiB of memory, which
is what makes Argon2 costly to attack on graphics cards. The name stays "argon2": a hash made with
other parameters is made again with these at its user's next sign-in."""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2Hasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
