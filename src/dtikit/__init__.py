"""dtikit: Vietnam's provincial Digital Transformation Index (DTI) as data.

The core modules (``store``, ``provinces``, ``ranking``, ``gap``, ``sources``) are pure
Polars and usable from a notebook; ``dtikit.cli`` is a thin command-line layer over them.
"""

__version__ = "0.1.0"
