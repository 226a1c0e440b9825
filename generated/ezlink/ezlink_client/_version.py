# generated from specs/ezlink.yaml by gatewaygen, do not edit
__version__ = "1.1.25"
