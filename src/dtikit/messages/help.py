"""--help texts (``help.*``)."""

EN: dict[str, str] = {}

VI: dict[str, str] = {}
