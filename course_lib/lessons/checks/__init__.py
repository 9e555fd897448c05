"""The exercise checks of each module (``cX_Y.py``), on the shared helpers of
:mod:`.common`."""
