import { SunSpecMap } from './sunspec-map'
import type { SimBatterySpec, SimInverterSpec } from './scenario'

/** Initial SunSpec register maps for the simulated devices (scale factors chosen like common inverters). */
function common(model: string, serial: string, unitId: number): { id: number; content: { points: Record<string, string | number> } } {
  return { id: 1, content: { points: { Mn: 'SEP2 Commissioner Sim', Md: model, Opt: 'demo', Vr: '1.0.0', SN: serial, DA: unitId } } }
}

export function inverter123Map(spec: SimInverterSpec): SunSpecMap {
  return new SunSpecMap([
    common(`SIM-${spec.ratedW}-123`, spec.serial, spec.unitId),
    {
      id: 103,
      content: { points: { A_SF: -2, V_SF: -1, W_SF: 0, Hz_SF: -2, VA_SF: 0, VAr_SF: 0, PF_SF: -2, WH_SF: 0, DCA_SF: -2, DCV_SF: -1, DCW_SF: 0, Tmp_SF: -1, St: 4, Evt1: 0 } },
    },
    { id: 120, content: { points: { DERTyp: 4, WRtg: spec.ratedW, WRtg_SF: 0, VARtg: spec.ratedW, VARtg_SF: 0, ARtg: Math.round(spec.ratedW / 2.3), ARtg_SF: -2 } } },
    { id: 121, content: { points: { WMax: spec.ratedW, VRef: 2300, VRefOfs: 0, VMax: 2530, VMin: 2160, VAMax: spec.ratedW, WMax_SF: 0, VRef_SF: -1, VRefOfs_SF: -1, VMinMax_SF: -1, VAMax_SF: 0 } } },
    { id: 122, content: { points: { PVConn: 7, StorConn: 0, ECPConn: 1, WAval: spec.ratedW, WAval_SF: 0, StActCtl: 0 } } },
    {
      id: 123,
      content: { points: { Conn: 1, Conn_WinTms: 0, Conn_RvrtTms: 0, WMaxLimPct: 1000, WMaxLimPct_WinTms: 0, WMaxLimPct_RvrtTms: 0, WMaxLimPct_RmpTms: 0, WMaxLim_Ena: 0, WMaxLimPct_SF: -1 } },
    },
    {
      id: 160,
      content: {
        points: { DCA_SF: -2, DCV_SF: -1, DCW_SF: 0, DCWH_SF: 0, N: 2, TmsPer: 0, Evt: 0 },
        groups: { module: [{ points: { ID: 1, IDStr: 'MPPT 1', DCSt: 4 } }, { points: { ID: 2, IDStr: 'MPPT 2', DCSt: 4 } }] },
      },
    },
  ])
}

export function inverter704Map(spec: SimInverterSpec): SunSpecMap {
  return new SunSpecMap([
    common(`SIM-${spec.ratedW}-704`, spec.serial, spec.unitId),
    { id: 701, content: { points: { ACType: spec.phases.length === 3 ? 3 : 1, St: 1, InvSt: 4, ConnSt: 1, W_SF: 0, V_SF: -1, Hz_SF: -2, A_SF: -2, PF_SF: -2, VA_SF: 0, Var_SF: 0, TotWh_SF: 0, Tmp_SF: -1 } } },
    { id: 702, content: { points: { WMaxRtg: spec.ratedW, WMax: spec.ratedW, VAMaxRtg: spec.ratedW, VAMax: spec.ratedW, VNomRtg: 2300, VNom: 2300, W_SF: 0, VA_SF: 0, V_SF: -1, PF_SF: -2, Var_SF: 0, A_SF: -2 } } },
    { id: 703, content: { points: { ES: 1, ESVHi: 1100, ESVLo: 900, ESHzHi: 5015, ESHzLo: 4785, ESDlyTms: 60, ESRndTms: 0, ESRmpTms: 300, V_SF: -1, Hz_SF: -2 } } },
    {
      id: 704,
      content: { points: { WMaxLimPctEna: 0, WMaxLimPct: 1000, WMaxLimPctRvrt: 1000, WMaxLimPctEnaRvrt: 0, WMaxLimPctRvrtTms: 0, WMaxLimPctRvrtRem: 0, WMaxLimPct_SF: -1, PF_SF: -2, WSet_SF: 0, WSetPct_SF: -1, VarSet_SF: 0, VarSetPct_SF: -1 } },
    },
  ])
}

export function batteryMap(spec: SimBatterySpec): SunSpecMap {
  return new SunSpecMap([
    common(`SIM-BAT-${spec.capacityWh}`, spec.serial, spec.unitId),
    {
      id: 124,
      content: {
        points: {
          WChaMax: spec.ratedW, WChaGra: 100, WDisChaGra: 100, StorCtl_Mod: 0, MinRsvPct: 100, ChaState: spec.socPct * 10, InBatV: 5120, ChaSt: 3,
          OutWRte: 1000, InWRte: 1000, InOutWRte_WinTms: 0, InOutWRte_RvrtTms: 0, InOutWRte_RmpTms: 0, ChaGriSet: 1,
          WChaMax_SF: 0, WChaDisChaGra_SF: 0, MinRsvPct_SF: -1, ChaState_SF: -1, InBatV_SF: -1, InOutWRte_SF: -1,
        },
      },
    },
  ])
}

export function meter203Map(unitId: number): SunSpecMap {
  return new SunSpecMap([
    common('SIM-METER-203', `SIM-MTR-${unitId}`, unitId),
    { id: 203, content: { points: { A_SF: -2, V_SF: -1, Hz_SF: -2, W_SF: 0, VA_SF: 0, VAR_SF: 0, PF_SF: -2, TotWh_SF: 0, TotVAh_SF: 0, TotVArh_SF: 0, Evt: 0 } } },
  ])
}
