# generated from specs/evolink.yaml by gatewaygen, do not edit
__version__ = "1.2.13"
